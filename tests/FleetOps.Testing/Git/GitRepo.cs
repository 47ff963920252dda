using System.Globalization;
using System.Text;
using FleetOps.Shared.Signing;
using FleetOps.Testing.Files;
using FleetOps.Testing.Signing;
using LibGit2Sharp;

namespace FleetOps.Testing.Git;

/// <summary>
/// A real git repository on branch <c>main</c>, changed one commit at a time: what the hub watches and the
/// agents fetch from, by local path. Commits carry one author and, when the test gives one, a fixed time:
/// the same content and time make the same sha, so golden files can show it.
/// </summary>
public sealed class GitRepo : IDisposable
{
    public const string MainBranch = "main";

    private const string AuthorName = "Platform Team";
    private const string AuthorEmail = "platform@fleetops.invalid";

    private readonly TempDir? owned;

    /// <summary>An empty repository in a temp folder of its own, deleted on dispose.</summary>
    public GitRepo()
        : this(new TempDir("fleetops-git"))
    {
    }

    private GitRepo(TempDir folder)
        : this(folder.Path)
    {
        owned = folder;
        Initialize(Path);
    }

    private GitRepo(string path) => Path = path;

    public string Path { get; }

    /// <summary>What the hub and agents are given as the repository URL: its local path.</summary>
    public string Url => Path;

    public string Branch => MainBranch;

    /// <summary>The sha of the branch head.</summary>
    public string Head
    {
        get
        {
            using var repository = new Repository(Path);
            return repository.Head.Tip.Sha;
        }
    }

    /// <summary>An empty repository at <paramref name="path"/>; the folder is the caller's.</summary>
    public static GitRepo Create(string path)
    {
        Directory.CreateDirectory(path);
        Initialize(path);
        return new GitRepo(path);
    }

    /// <summary>
    /// Opens the repository at <paramref name="path"/>, or creates it with a copy of <paramref name="template"/>
    /// as its first commit (the demo's working copy survives reruns this way).
    /// </summary>
    public static GitRepo OpenOrCreate(string path, string template, string message)
    {
        if (Repository.IsValid(path))
            return new GitRepo(path);
        var created = Create(path).CopyFrom(template);
        created.Commit(message);
        return created;
    }

    /// <summary>
    /// Copies a folder (a testdata name such as <c>fleet-repo</c>, or a full path) into the repository at
    /// <paramref name="target"/>, replacing what is there; a <c>.git</c> inside the source is left out.
    /// </summary>
    public GitRepo CopyFrom(string folder, string target = "")
    {
        var source = TestData.PathOf(folder);
        if (!Directory.Exists(source))
            throw new DirectoryNotFoundException($"no folder {source} to copy into the repository");
        if (target.Length > 0 && Directory.Exists(Full(target)))
            Directory.Delete(Full(target), recursive: true);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(source, file);
            if (relative == ".git" || relative.StartsWith(".git" + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
                continue;
            Write(System.IO.Path.Combine(target, relative), File.ReadAllText(file));
        }
        return this;
    }

    /// <summary>Writes a file with LF line endings, whatever the checkout's, so shas are the same everywhere.</summary>
    public GitRepo Write(string relativePath, string content)
    {
        var full = Full(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content.ReplaceLineEndings("\n"));
        return this;
    }

    public GitRepo WriteFromTestData(string relativePath, string testDataFile) => Write(relativePath, TestData.Read(testDataFile));

    public GitRepo Delete(string relativePath)
    {
        File.Delete(Full(relativePath));
        return this;
    }

    public string Read(string relativePath) => File.ReadAllText(Full(relativePath));

    /// <summary>The key every later <see cref="Commit"/> is signed with; null (the default) commits unsigned.</summary>
    public ICommitSigner? Signer { get; set; }

    /// <summary>
    /// Stages everything (additions, edits, deletions) and commits; returns the full sha. With a signer (given
    /// here or as <see cref="Signer"/>) the commit is made by <c>git commit -S</c>, exactly as a developer signs.
    /// </summary>
    public string Commit(string message = "change", DateTimeOffset? at = null, ICommitSigner? signer = null)
    {
        using var repository = new Repository(Path);
        Commands.Stage(repository, "*");
        if ((signer ?? Signer) is { } key)
            return CommitSigned(repository, key, message, at ?? DateTimeOffset.UtcNow);
        var author = new Signature(AuthorName, AuthorEmail, at ?? DateTimeOffset.UtcNow);
        return repository.Commit(message, author, author, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    /// <summary>A commit's signature and the data it signs, as the hub and the agent read them; null when it is unsigned.</summary>
    public CommitSignature? SignatureOf(string sha)
    {
        using var repository = new Repository(Path);
        var commit = repository.Lookup<LibGit2Sharp.Commit>(sha);
        try
        {
            var info = LibGit2Sharp.Commit.ExtractSignature(repository, new ObjectId(sha));
            return new CommitSignature(info.Signature, Encoding.UTF8.GetBytes(info.SignedData));
        }
        catch (NotFoundException) when (commit is not null)
        {
            return null;
        }
    }

    /// <summary>Deletes the repository's folder when it made its own; a caller's folder stays the caller's.</summary>
    public void Dispose() => owned?.Dispose();

    private string Full(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    private string CommitSigned(Repository repository, ICommitSigner key, string message, DateTimeOffset at)
    {
        var date = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + " +0000";
        var environment = new Dictionary<string, string>(key.Environment)
        {
            ["GIT_AUTHOR_NAME"] = AuthorName,
            ["GIT_AUTHOR_EMAIL"] = AuthorEmail,
            ["GIT_COMMITTER_NAME"] = AuthorName,
            ["GIT_COMMITTER_EMAIL"] = AuthorEmail,
            ["GIT_AUTHOR_DATE"] = date,
            ["GIT_COMMITTER_DATE"] = date,
            // The machine's own git settings (a global commit.gpgsign, a signing key) must not change the commit.
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
            ["GIT_CONFIG_NOSYSTEM"] = "1",
        };
        Tool.Run("git", ["-C", Path, .. key.GitArguments, "commit", "-q", "-S", "--allow-empty", "--no-verify", "-m", message], environment);
        return repository.Refs.Head.ResolveToDirectReference().TargetIdentifier;
    }

    private static void Initialize(string path)
    {
        Repository.Init(path);
        using var repository = new Repository(path);
        // Name the branch main before the first commit, whatever init.defaultBranch says.
        repository.Refs.UpdateTarget("HEAD", "refs/heads/" + MainBranch);
    }
}
