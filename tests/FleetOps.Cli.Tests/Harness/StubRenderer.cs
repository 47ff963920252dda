using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using FleetOps.Hub.Source;

namespace FleetOps.Cli.Tests.Harness;

/// <summary>
/// The hub's renderer seam, stood in for as the hub's own tests do: the digest covers every file a group's
/// kustomization reaches, and a missing resource fails like kustomize. Its messages name paths relative to
/// the repository, so that a render error reads the same on every run and can sit in a golden file.
/// </summary>
public sealed partial class StubRenderer : IGroupRenderer
{
    public Task<RenderOutcome> RenderAsync(string repositoryRoot, string groupPath, CancellationToken cancellationToken)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var error = Collect(repositoryRoot, Path.Combine(repositoryRoot, groupPath), files);
        if (error is not null)
            return Task.FromResult(RenderOutcome.Fail(error));
        var text = string.Join("\n", files.Select(f => $"{f.Key}\n{f.Value}"));
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return Task.FromResult(RenderOutcome.Ok(digest, files.Count(f => !f.Key.EndsWith("kustomization.yaml", StringComparison.Ordinal))));
    }

    private static string? Collect(string root, string folder, SortedDictionary<string, string> files)
    {
        var kustomization = Path.Combine(folder, "kustomization.yaml");
        if (!File.Exists(kustomization))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.yaml"))
                files[Relative(root, file)] = File.ReadAllText(file);
            return null;
        }
        files[Relative(root, kustomization)] = File.ReadAllText(kustomization);
        foreach (Match resource in Resource().Matches(File.ReadAllText(kustomization)))
        {
            var target = Path.GetFullPath(Path.Combine(folder, resource.Groups[1].Value.Trim()));
            if (Directory.Exists(target))
            {
                if (Collect(root, target, files) is { } error)
                    return error;
            }
            else if (File.Exists(target))
                files[Relative(root, target)] = File.ReadAllText(target);
            else
                return $"accumulating resources: '{Relative(root, target)}' does not exist";
        }
        return null;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    [GeneratedRegex(@"^\s+-\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Resource();
}
