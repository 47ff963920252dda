using LibGit2Sharp;

namespace FleetOps.Simulator.Source;

/// <summary>
/// A git working copy of a fleet-config folder on branch <c>main</c>: what the demo hands the user to
/// commit to, and what scenarios commit to. The hub watches it as a local repository.
/// </summary>
public sealed class FleetConfigRepository
{
    public const string Branch = "main";

    private static readonly Signature Author = new("FleetOps Simulator", "simulator@fleetops.invalid", DateTimeOffset.UnixEpoch);

    private FleetConfigRepository(string path) => Path = path;

    public string Path { get; }

    /// <summary>The sha of the branch head.</summary>
    public string Head
    {
        get
        {
            using var repo = new Repository(Path);
            return repo.Head.Tip.Sha;
        }
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="path"/> and commits it as the first commit on main.</summary>
    public static FleetConfigRepository CreateFrom(string source, string path)
    {
        if (!File.Exists(System.IO.Path.Combine(source, "fleet.yaml")))
            throw new DirectoryNotFoundException($"'{source}' holds no fleet.yaml; point at a fleet-config folder");
        CopyFolder(source, path);
        Repository.Init(path);
        using (var repo = new Repository(path))
        {
            // Name the branch main before the first commit, whatever init.defaultBranch says.
            repo.Refs.UpdateTarget("HEAD", "refs/heads/" + Branch);
        }
        var created = new FleetConfigRepository(path);
        created.CommitAll("Initial fleet-config");
        return created;
    }

    /// <summary>Opens an existing working copy, or creates it from <paramref name="source"/> when there is none.</summary>
    public static FleetConfigRepository OpenOrCreate(string source, string path) =>
        Repository.IsValid(path) ? new FleetConfigRepository(path) : CreateFrom(source, path);

    public string WriteAndCommit(string relativePath, string content, string message)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return CommitAll(message);
    }

    public string DeleteAndCommit(string relativePath, string message)
    {
        File.Delete(System.IO.Path.Combine(Path, relativePath));
        return CommitAll(message);
    }

    public string Read(string relativePath) => File.ReadAllText(System.IO.Path.Combine(Path, relativePath));

    /// <summary>Stages everything (additions, edits, deletions) and commits; returns the new head sha.</summary>
    public string CommitAll(string message)
    {
        using var repo = new Repository(Path);
        Commands.Stage(repo, "*");
        var when = new Signature(Author.Name, Author.Email, DateTimeOffset.UtcNow);
        return repo.Commit(message, when, when, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(source, file);
            if (relative.StartsWith(".git", StringComparison.Ordinal))
                continue;
            var destination = System.IO.Path.Combine(target, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }
}
