using System.Diagnostics.CodeAnalysis;
using FleetOps.Shared.Fleet;

namespace FleetOps.Shared.Rendering;

/// <summary>
/// Checks a group path before anything reads it: relative, no '..', existing, and inside the repository
/// even after following symbolic links, so a commit cannot make the hub or an agent read /etc.
/// </summary>
internal static class RepositoryPath
{
    private const int MaxLinkHops = 40;

    public static bool TryResolve(string repositoryRoot, string path, [NotNullWhen(true)] out RepositoryFolder? folder, [NotNullWhen(false)] out string? error)
    {
        folder = null;
        var root = string.IsNullOrWhiteSpace(repositoryRoot) ? null : RealPath(repositoryRoot);
        if (root is null || !Directory.Exists(root))
        {
            error = $"repository folder '{repositoryRoot}' does not exist (the checkout of the revision is missing)";
            return false;
        }
        if (path.Length == 0)
        {
            error = "group path is empty: name a folder relative to the repository root, or '.' for the root itself";
            return false;
        }
        if (path.Contains('\\', StringComparison.Ordinal))
        {
            error = $"group path '{path}' contains '\\': separate folders with '/', like 'apps/pos/overlays/east'";
            return false;
        }
        if (path.StartsWith('/') || Path.IsPathRooted(path))
        {
            error = $"group path '{path}' is absolute: name the folder relative to the repository root, like 'apps/pos/overlays/east'";
            return false;
        }
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToList();
        if (segments.Contains(".."))
        {
            error = $"group path '{path}' contains '..': a group path may not leave the repository; name the folder from the repository root";
            return false;
        }

        var current = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var walked = string.Join('/', segments.Take(i + 1));
            var candidate = Path.Combine(current, segments[i]);
            var entry = new FileInfo(candidate);
            if (entry.LinkTarget is not null)
            {
                var target = RealPath(candidate);
                if (target is null || !IsInside(root, target))
                {
                    error = $"group path '{path}' leaves the repository through the symbolic link '{walked}': FleetOps renders only what is inside the repository";
                    return false;
                }
                candidate = target;
            }
            if (File.Exists(candidate))
            {
                error = $"group path '{path}': '{walked}' is a file; a group path names a folder (with a kustomization.yaml or plain YAML files)";
                return false;
            }
            if (!Directory.Exists(candidate))
            {
                var suggestion = Suggest(current, segments[i]) is { } near ? $" (did you mean '{string.Join('/', segments.Take(i).Append(near))}'?)" : "";
                error = $"group path '{path}' does not exist in the repository: there is no folder '{walked}'{suggestion}";
                return false;
            }
            current = candidate;
        }

        folder = new RepositoryFolder(root, current, segments.Count == 0 ? "." : string.Join('/', segments));
        error = null;
        return true;
    }

    /// <summary>The path with every symbolic link along it followed; null when a link dangles or loops.</summary>
    public static string? RealPath(string path) => RealPath(path, 0);

    public static bool IsInside(string root, string candidate) =>
        candidate == root || candidate.StartsWith(Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string? RealPath(string path, int hops)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        foreach (var segment in full[current.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, segment);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                if (++hops > MaxLinkHops)
                    return null;
                var resolved = RealPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target), hops);
                if (resolved is null || !Path.Exists(resolved))
                    return null;
                next = resolved;
            }
            current = next;
        }
        return current;
    }

    /// <summary>The sibling folder closest to a mistyped name, if one is close enough to be what was meant.</summary>
    private static string? Suggest(string parent, string missing)
    {
        string? best = null;
        var bestDistance = Math.Max(2, missing.Length / 3) + 1;
        foreach (var directory in Directory.EnumerateDirectories(parent))
        {
            var name = Path.GetFileName(directory);
            var distance = DidYouMean.Distance(name.ToLowerInvariant(), missing.ToLowerInvariant());
            if (distance < bestDistance)
                (best, bestDistance) = (name, distance);
        }
        return best;
    }
}
