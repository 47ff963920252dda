using FleetOps.Shared.Api;
using FleetOps.Shared.Signing;

namespace FleetOps.Hub.Source;

/// <summary>
/// The hub's bare mirror of the fleet-config repository, the one seam over LibGit2Sharp. Calls block
/// (git is synchronous); the watcher runs them off the request path.
/// </summary>
internal interface IGitMirror
{
    /// <summary>The branch head at the remote without fetching anything (ls-remote); null when the branch does not exist.</summary>
    string? RemoteHead();

    /// <summary>Fetches the branch into the mirror and returns its head.</summary>
    string Fetch();

    bool HasCommit(string sha);

    /// <summary>The full sha of a commit named by a full or abbreviated sha, or null when the mirror has no such commit.</summary>
    string? FindCommit(string shaOrPrefix);

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="head"/> or one of its ancestors.</summary>
    bool IsAncestor(string ancestor, string head);

    CommitInfo GetCommit(string sha);

    /// <summary>The commit's signature and the data it signs, or null when the commit is unsigned.</summary>
    CommitSignature? ReadSignature(string sha);

    /// <summary>A file's text at a commit, or null when there is no such file.</summary>
    string? ReadFile(string sha, string path);

    bool DirectoryExists(string sha, string path);

    /// <summary>Every folder path at a commit, for "did you mean" hints.</summary>
    IReadOnlyList<string> ListDirectories(string sha);

    /// <summary>Writes the tree at a commit into an empty folder, for the renderer.</summary>
    void Materialize(string sha, string folder);
}
