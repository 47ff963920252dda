using FleetOps.Hub.Hosting;
using FleetOps.Shared.Api;
using FleetOps.Shared.Signing;
using FleetOps.Shared.Sources;
using LibGit2Sharp;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Source;

/// <summary>A bare repository under <c>{DataDir}/mirror.git</c> that fetches only the configured branch.</summary>
internal sealed class LibGit2Mirror(IOptions<HubOptions> hubOptions, IOptions<SourceOptions> sourceOptions) : IGitMirror
{
    private const string Remote = "origin";

    private string MirrorPath => Path.Combine(hubOptions.Value.FullDataDir, "mirror.git");

    private string Url => sourceOptions.Value.Url;

    private string BranchRef => $"refs/heads/{sourceOptions.Value.Branch}";

    public string? RemoteHead()
    {
        ThrowIfLocalSourceIsMissing();
        try
        {
            return Repository.ListRemoteReferences(Url)
                .FirstOrDefault(r => r.CanonicalName == BranchRef)?
                .ResolveToDirectReference()?.TargetIdentifier;
        }
        catch (LibGit2SharpException e)
        {
            throw new InvalidOperationException(LocalSource.Explain(Url, e.Message), e);
        }
    }

    public string Fetch()
    {
        ThrowIfLocalSourceIsMissing();
        using var repo = Open();
        try
        {
            Commands.Fetch(repo, Remote, [$"+{BranchRef}:{BranchRef}"], new FetchOptions { TagFetchMode = TagFetchMode.None, Prune = false }, null);
        }
        catch (LibGit2SharpException e)
        {
            throw new InvalidOperationException(LocalSource.Explain(Url, e.Message), e);
        }
        return repo.Refs[BranchRef]?.TargetIdentifier
            ?? throw new InvalidOperationException($"branch '{sourceOptions.Value.Branch}' does not exist in {Url}");
    }

    // libgit2 would call a missing folder an "unsupported URL protocol"; the operator needs to hear that it is gone.
    private void ThrowIfLocalSourceIsMissing()
    {
        if (LocalSource.Problem(Url) is { } problem)
            throw new InvalidOperationException(problem);
    }

    public bool HasCommit(string sha)
    {
        using var repo = Open();
        return repo.Lookup<Commit>(sha) is not null;
    }

    public string? FindCommit(string shaOrPrefix)
    {
        using var repo = Open();
        try
        {
            return repo.Lookup<Commit>(shaOrPrefix)?.Sha;
        }
        catch (AmbiguousSpecificationException)
        {
            return null;
        }
    }

    public bool IsAncestor(string ancestor, string head)
    {
        using var repo = Open();
        if (repo.Lookup<Commit>(ancestor) is not { } older || repo.Lookup<Commit>(head) is not { } newer)
            return false;
        return older.Sha == newer.Sha || repo.ObjectDatabase.FindMergeBase(older, newer)?.Sha == older.Sha;
    }

    public CommitInfo GetCommit(string sha)
    {
        using var repo = Open();
        var commit = Commit(repo, sha);
        return new CommitInfo(commit.Sha, commit.MessageShort, commit.Committer.When);
    }

    public CommitSignature? ReadSignature(string sha)
    {
        using var repo = Open();
        var commit = Commit(repo, sha);
        try
        {
            var signed = LibGit2Sharp.Commit.ExtractSignature(repo, commit.Id);
            return new CommitSignature(signed.Signature, System.Text.Encoding.UTF8.GetBytes(signed.SignedData));
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    public string? ReadFile(string sha, string path)
    {
        using var repo = Open();
        return Commit(repo, sha)[path]?.Target is Blob blob ? blob.GetContentText() : null;
    }

    public bool DirectoryExists(string sha, string path)
    {
        using var repo = Open();
        var trimmed = path.Trim('/');
        return trimmed is "" or "." || Commit(repo, sha)[trimmed] is { TargetType: TreeEntryTargetType.Tree };
    }

    public IReadOnlyList<string> ListDirectories(string sha)
    {
        using var repo = Open();
        var found = new List<string>();
        Walk(Commit(repo, sha).Tree, "", entry => { if (entry.TargetType == TreeEntryTargetType.Tree) found.Add(entry.Path.Replace('\\', '/')); });
        return found;
    }

    public void Materialize(string sha, string folder)
    {
        using var repo = Open();
        Walk(Commit(repo, sha).Tree, folder, entry =>
        {
            var target = Path.Combine(folder, entry.Path);
            if (entry.TargetType == TreeEntryTargetType.Tree)
                Directory.CreateDirectory(target);
            else if (entry.TargetType == TreeEntryTargetType.Blob && entry.Mode != Mode.SymbolicLink)
            {
                using var content = ((Blob)entry.Target).GetContentStream();
                using var file = File.Create(target);
                content.CopyTo(file);
            }
            // Symbolic links and submodules are not materialized: agents render from git objects too,
            // and a link could point outside the tree.
        });
    }

    private static void Walk(Tree tree, string root, Action<TreeEntry> visit)
    {
        foreach (var entry in tree)
        {
            visit(entry);
            if (entry.TargetType == TreeEntryTargetType.Tree)
                Walk((Tree)entry.Target, root, visit);
        }
    }

    private static Commit Commit(Repository repo, string sha) =>
        repo.Lookup<Commit>(sha) ?? throw new InvalidOperationException($"commit {sha} is not in the mirror");

    private Repository Open()
    {
        if (!Repository.IsValid(MirrorPath))
        {
            Directory.CreateDirectory(MirrorPath);
            Repository.Init(MirrorPath, isBare: true);
        }
        var repo = new Repository(MirrorPath);
        var remote = repo.Network.Remotes[Remote];
        if (remote is null)
            repo.Network.Remotes.Add(Remote, Url);
        else if (remote.Url != Url)
            repo.Network.Remotes.Update(Remote, r => r.Url = Url);
        return repo;
    }
}
