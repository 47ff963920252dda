using LibGit2Sharp;

namespace FleetOps.Cli.Tests.Harness;

/// <summary>
/// A real git repository made from testdata/fleet-repo on branch main, changed one commit at a time, each
/// commit at a time the test gives: same content and time make the same sha, so golden files can show it.
/// </summary>
public sealed class FleetRepo
{
    private static readonly (string Name, string Email) Author = ("Platform Team", "platform@fleetops.invalid");

    private FleetRepo(string path) => Path = path;

    public string Path { get; }

    public static FleetRepo Create(string path, DateTimeOffset at, string message = "Initial fleet")
    {
        Directory.CreateDirectory(path);
        Repository.Init(path);
        using (var repo = new Repository(path))
            repo.Refs.UpdateTarget("HEAD", "refs/heads/main");
        var fleet = new FleetRepo(path);
        var source = TestPaths.Testdata("fleet-repo");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            fleet.Write(System.IO.Path.GetRelativePath(source, file).Replace('\\', '/'), File.ReadAllText(file));
        fleet.Commit(message, at);
        return fleet;
    }

    public FleetRepo Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content.ReplaceLineEndings("\n"));
        return this;
    }

    public FleetRepo WriteFromTestdata(string relativePath, string change) =>
        Write(relativePath, File.ReadAllText(TestPaths.Testdata(System.IO.Path.Combine("changes", change))));

    public string Commit(string message, DateTimeOffset at)
    {
        using var repo = new Repository(Path);
        LibGit2Sharp.Commands.Stage(repo, "*");
        var signature = new Signature(Author.Name, Author.Email, at);
        return repo.Commit(message, signature, signature, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }
}
