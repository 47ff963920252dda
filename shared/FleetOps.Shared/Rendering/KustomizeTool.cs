using System.Diagnostics.CodeAnalysis;

namespace FleetOps.Shared.Rendering;

/// <summary>
/// The command that builds a kustomization: <c>kustomize build DIR</c>, <c>kubectl kustomize DIR</c> or
/// <c>k3s kubectl kustomize DIR</c>. Store machines often have only k3s, and hub machines only kubectl.
/// </summary>
public sealed record KustomizeTool(string Executable, IReadOnlyList<string> Arguments)
{
    /// <summary>The file names that make a folder a kustomization, as kustomize itself recognizes them.</summary>
    public static readonly IReadOnlyList<string> KustomizationFileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    /// <summary>Searched in this order.</summary>
    public static readonly IReadOnlyList<string> SearchedNames = ["kustomize", "kubectl", "k3s"];

    public IReadOnlyList<string> CommandFor(string directory) => [.. Arguments, directory];

    /// <summary>The kustomize binary itself, not kubectl's or k3s's built-in one.</summary>
    public bool IsKustomize => Arguments is ["build"];

    /// <summary><c>kustomize version</c>, <c>kubectl version --client</c> or <c>k3s kubectl version --client</c>.</summary>
    public IReadOnlyList<string> VersionArguments => IsKustomize ? ["version"] : [.. Arguments.Take(Arguments.Count - 1), "version", "--client"];

    /// <summary>How a message names it: <c>kubectl kustomize</c>.</summary>
    public override string ToString() => string.Join(' ', [Path.GetFileName(Executable), .. Arguments]);

    /// <summary>How to call an executable, judged by its name: kubectl…, k3s…, anything else is kustomize.</summary>
    public static KustomizeTool For(string executable)
    {
        var name = Path.GetFileNameWithoutExtension(executable);
        if (name.StartsWith("kubectl", StringComparison.OrdinalIgnoreCase))
            return new KustomizeTool(executable, ["kustomize"]);
        if (name.StartsWith("k3s", StringComparison.OrdinalIgnoreCase))
            return new KustomizeTool(executable, ["kubectl", "kustomize"]);
        return new KustomizeTool(executable, ["build"]);
    }

    /// <param name="configuredExecutable">A path or a bare name from configuration; null to search.</param>
    /// <param name="searchPath">Folders separated as in PATH; null for the process's PATH.</param>
    public static bool TryLocate(string? configuredExecutable, string? searchPath, [NotNullWhen(true)] out KustomizeTool? tool, [NotNullWhen(false)] out string? error)
    {
        searchPath ??= Environment.GetEnvironmentVariable("PATH") ?? "";
        tool = null;
        error = null;
        if (!string.IsNullOrWhiteSpace(configuredExecutable))
        {
            var found = configuredExecutable.IndexOfAny(['/', '\\']) >= 0
                ? IsExecutable(configuredExecutable) ? Path.GetFullPath(configuredExecutable) : null
                : FindOnPath(configuredExecutable, searchPath);
            if (found is null)
            {
                error = $"the configured kustomize executable '{configuredExecutable}' was not found or is not executable; fix the setting, or remove it to search for {Names()}";
                return false;
            }
            tool = For(found);
            return true;
        }

        foreach (var name in SearchedNames)
        {
            if (FindOnPath(name, searchPath) is { } found)
            {
                tool = For(found);
                return true;
            }
        }
        error = $"no kustomize tool found: looked for {Names()} on the search path '{searchPath}'. " +
                "Install kubectl 1.27 or newer (pkgs.k8s.io; Debian's kubernetes-client is too old) or a kustomize v5 release binary " +
                "(k3s nodes already have k3s), or set the kustomize executable in the configuration";
        return false;
    }

    /// <summary>Every executable named as searched, in the order searched: by name, then by search path entry.</summary>
    public static IEnumerable<string> Executables(string searchPath) =>
        SearchedNames.SelectMany(name => Directories(searchPath).SelectMany(d => Candidates(Path.Combine(d, name))).Where(IsExecutable));

    // A relative entry (".") would run whatever the current folder holds: skip it, as a careful shell would.
    private static IEnumerable<string> Directories(string searchPath) =>
        searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(Path.IsPathFullyQualified);

    private static string Names() => "'kustomize', 'kubectl' and 'k3s'";

    private static string? FindOnPath(string name, string searchPath)
    {
        foreach (var directory in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // A relative entry (".") would run whatever the current folder holds: skip it, as a careful shell would.
            if (!Path.IsPathFullyQualified(directory))
                continue;
            foreach (var candidate in Candidates(Path.Combine(directory, name)))
            {
                if (IsExecutable(candidate))
                    return candidate;
            }
        }
        return null;
    }

    private static IEnumerable<string> Candidates(string path) =>
        OperatingSystem.IsWindows() ? [path + ".exe", path] : [path];

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
            return false;
        if (OperatingSystem.IsWindows())
            return true;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
