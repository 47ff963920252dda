using LibGit2Sharp;

namespace FleetOps.Hub.Tests.Harness;

/// <summary>A real git repository made by a test from testdata/fleet-repo, on branch main, changed one commit at a time.</summary>
public sealed class FleetRepository
{
    private static readonly Signature Author = new("FleetOps Test", "test@fleetops.invalid", DateTimeOffset.UnixEpoch);

    private FleetRepository(string path) => Path = path;

    public string Path { get; }

    public static FleetRepository Create(string path, string template = "fleet-repo")
    {
        Directory.CreateDirectory(path);
        Repository.Init(path);
        using (var repo = new Repository(path))
            repo.Refs.UpdateTarget("HEAD", "refs/heads/main");
        var fleet = new FleetRepository(path);
        var source = Testdata.PathOf(template);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            fleet.Write(System.IO.Path.GetRelativePath(source, file), File.ReadAllText(file));
        fleet.Commit("Initial fleet");
        return fleet;
    }

    public FleetRepository Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public FleetRepository WriteFromTestdata(string relativePath, string testdataFile) =>
        Write(relativePath, File.ReadAllText(Testdata.PathOf(testdataFile)));

    public string Commit(string message)
    {
        using var repo = new Repository(Path);
        Commands.Stage(repo, "*");
        var when = DateTimeOffset.UtcNow;
        var signature = new Signature(Author.Name, Author.Email, when);
        return repo.Commit(message, signature, signature, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    public string Head
    {
        get
        {
            using var repo = new Repository(Path);
            return repo.Head.Tip.Sha;
        }
    }
}
