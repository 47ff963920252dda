namespace FleetOps.Shared.Rendering;

/// <summary>
/// Finds the manifests of a folder without a kustomization: every <c>*.yaml</c> and <c>*.yml</c> below it,
/// in ordinal order of their paths, so every machine reads them in the same order.
/// </summary>
internal static class PlainYamlFolder
{
    public static IReadOnlyList<string> FindFiles(RepositoryFolder folder, ProblemList problems)
    {
        var files = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        Walk(folder, folder.FullPath, folder.FullPath, files, visited, problems);
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>Whether a folder is built by kustomize: the names kustomize itself looks for.</summary>
    public static string? FindKustomization(string directory) =>
        KustomizeTool.KustomizationFileNames.Select(name => Path.Combine(directory, name)).FirstOrDefault(File.Exists);

    private static void Walk(RepositoryFolder folder, string top, string directory, List<string> files, HashSet<string> visited, ProblemList problems)
    {
        if (!visited.Add(directory))
            return;
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(directory).EnumerateFileSystemInfos().ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(RenderErrorKind.InvalidPath, $"{folder.Relative(directory)}: cannot be read: {e.Message}");
            return;
        }

        foreach (var entry in entries)
        {
            // Dot folders and files (.github, .editorconfig.yaml) hold tooling, not manifests.
            if (entry.Name.StartsWith('.'))
                continue;
            var path = entry.FullName;
            if (entry.LinkTarget is not null)
            {
                var target = RepositoryPath.RealPath(path);
                if (target is null || !RepositoryPath.IsInside(folder.RootFullPath, target))
                {
                    problems.Add(RenderErrorKind.InvalidPath, $"{folder.Relative(path)} is a symbolic link that leads outside the repository (or nowhere): FleetOps reads only files inside the repository");
                    continue;
                }
                path = target;
            }

            if (Directory.Exists(path))
            {
                Walk(folder, top, path, files, visited, problems);
            }
            else if (IsYaml(entry.Name))
            {
                if (KustomizeTool.KustomizationFileNames.Contains(entry.Name) && directory != top)
                {
                    problems.Add(RenderErrorKind.InvalidObject, $"{folder.Relative(entry.FullName)}: a kustomization below a plain YAML folder is not built; add a kustomization to '{folder.RelativePath}' that lists '{folder.Relative(directory)}', or point the group at '{folder.Relative(directory)}'");
                    continue;
                }
                files.Add(entry.FullName);
            }
        }
    }

    private static bool IsYaml(string name) =>
        name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
}
