using LibGit2Sharp;

namespace FleetOps.EdgeAgent.Tests.Support;

/// <summary>A real git repository made by a test (a working repository the agent fetches from by local path).</summary>
public sealed class GitRepo : IDisposable
{
    private readonly TempDir dir = new("fleetops-agent-remote");
    private readonly Repository repo;

    public GitRepo()
    {
        Repository.Init(dir.Path);
        repo = new Repository(dir.Path);
    }

    public string Url => dir.Path;

    public string Branch => repo.Head.FriendlyName;

    /// <summary>Copies a testdata folder into the repository at <paramref name="target"/> (replacing what is there).</summary>
    public GitRepo CopyFrom(string testdataFolder, string target = "")
    {
        var source = TestData.PathOf(testdataFolder);
        var destination = Path.Combine(dir.Path, target);
        if (target.Length > 0 && Directory.Exists(destination))
            Directory.Delete(destination, recursive: true);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
        }
        return this;
    }

    public GitRepo Write(string relativePath, string content)
    {
        var path = Path.Combine(dir.Path, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public GitRepo Delete(string relativePath)
    {
        File.Delete(Path.Combine(dir.Path, relativePath));
        return this;
    }

    /// <summary>Stages everything and commits; returns the full sha.</summary>
    public string Commit(string message = "change")
    {
        Commands.Stage(repo, "*");
        var who = new Signature("test", "test@example.com", DateTimeOffset.UtcNow);
        return repo.Commit(message, who, who, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    public void Dispose()
    {
        repo.Dispose();
        dir.Dispose();
    }
}
