namespace FleetOps.Shared.Sources;

/// <summary>
/// What is wrong with a fleet-config source given as a local path, said plainly. libgit2 reports a path that
/// does not exist as "unsupported URL protocol" (to it, a string that is no folder could be any scheme), which
/// sends an operator looking at URL schemes instead of at a folder that was moved, deleted or not mounted.
/// The hub and the agent both ask before they fetch.
/// </summary>
public static class LocalSource
{
    /// <summary>Null when <paramref name="url"/> is not a local path, or is one that holds a git repository.</summary>
    public static string? Problem(string url)
    {
        if (LocalPath(url) is not { } path)
            return null;
        if (!Directory.Exists(path))
            return $"the repository path {path} does not exist (moved, deleted, or not mounted on this machine?)";
        if (!IsRepository(path))
            return $"{path} is not a git repository (it has no .git and is not a bare repository)";
        return null;
    }

    /// <summary>
    /// What a libgit2 error about <paramref name="url"/> means, where its own words mislead: the real cause for a
    /// local path, or a hint for an unknown scheme.
    /// </summary>
    public static string Explain(string url, string libgit2Message) =>
        Problem(url) ?? (libgit2Message.Contains("unsupported URL protocol", StringComparison.OrdinalIgnoreCase)
            ? $"{libgit2Message} (git knows https://, ssh://, user@host:path and local paths; check the URL's scheme)"
            : libgit2Message);

    // file:// URLs and absolute or explicitly relative paths; anything with a scheme or scp-like host is remote.
    private static string? LocalPath(string url)
    {
        if (url.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.LocalPath : null;
        if (url.Contains("://", StringComparison.Ordinal))
            return null;
        if (Path.IsPathRooted(url) || url.StartsWith("./", StringComparison.Ordinal) || url.StartsWith("../", StringComparison.Ordinal))
            return Path.GetFullPath(url);
        return null;
    }

    private static bool IsRepository(string path) =>
        Directory.Exists(Path.Combine(path, ".git")) || File.Exists(Path.Combine(path, ".git"))
        || (File.Exists(Path.Combine(path, "HEAD")) && Directory.Exists(Path.Combine(path, "objects")));
}
