using FleetOps.EdgeAgent.Configuration;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Signing;
using FleetOps.Shared.Sources;
using LibGit2Sharp;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.Source;

/// <summary>
/// <see cref="IGitCache"/> over a bare LibGit2Sharp repository in <c>{dataDir}/git</c>. Reading a tree
/// needs no working copy; fetching asks the remote only for what is missing (git negotiates the
/// objects both sides have), so a one-file change costs about one file.
/// </summary>
/// <remarks>
/// SSH: LibGit2Sharp exposes no ssh key credentials, but the libgit2 it bundles (built with exec-based
/// SSH) runs the OpenSSH client named by <c>core.sshCommand</c>. For ssh:// and scp-like URLs the cache
/// writes a small wrapper that passes the configured key (<c>-i</c>, host keys trusted on first use
/// and kept beside the cache) and points <c>core.sshCommand</c> at it. Needs <c>ssh</c> on PATH; without
/// it the fetch fails with <see cref="SourceUnavailableException"/> saying so (use https with a token).
/// </remarks>
public sealed class LibGit2GitCache : IGitCache, IDisposable
{
    private const string RemoteName = "origin";
    private readonly Lock gate = new();
    private readonly string path;
    private readonly string tmpRoot;
    private readonly GitCredentialOptions credentials;
    private readonly ILogger<LibGit2GitCache> logger;
    private Repository? repo;
    private bool warnedFullTmp;

    /// <summary>Writes nothing: a store whose disk is full must still start and render what it has cached.</summary>
    public LibGit2GitCache(string dataDir, GitCredentialOptions credentials, ILogger<LibGit2GitCache> logger)
    {
        this.credentials = credentials;
        this.logger = logger;
        path = Path.Combine(dataDir, "git");
        tmpRoot = Path.Combine(dataDir, "tmp");
        // Render folders of a process that was killed are useless now; sweep them.
        try
        {
            if (Directory.Exists(tmpRoot))
                Directory.Delete(tmpRoot, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not sweep old render folders in {Folder}: {Error}", tmpRoot, e.Message);
        }
    }

    public bool Has(string revision)
    {
        lock (gate)
            return Repo(create: false)?.Lookup<Commit>(revision) is not null;
    }

    public async Task EnsureAsync(SourceRef source, string revision, CancellationToken cancellationToken)
    {
        if (Has(revision))
            return;
        // libgit2 is synchronous; run it off the caller's thread so a slow remote stalls only this group.
        await Task.Run(() => Fetch(source, revision, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public CommitSignature? ReadSignature(string revision)
    {
        lock (gate)
        {
            var commit = repo.Lookup<Commit>(revision)
                ?? throw new SourceUnavailableException($"revision {revision} is not in the local cache");
            try
            {
                var signed = Commit.ExtractSignature(repo, commit.Id);
                return new CommitSignature(signed.Signature, System.Text.Encoding.UTF8.GetBytes(signed.SignedData));
            }
            catch (NotFoundException)
            {
                return null;
            }
        }
    }

    public Task<MaterializedTree> MaterializeAsync(string revision, CancellationToken cancellationToken) =>
        Task.Run(() => Materialize(revision, cancellationToken), cancellationToken);

    public void Dispose()
    {
        lock (gate)
            repo?.Dispose();
    }

    /// <summary>
    /// The bare repository, opened on first use and created when <paramref name="create"/> (a fetch needs it); null
    /// when there is none yet. Creating it can fail (a full disk): that is a source problem of this one fetch.
    /// </summary>
    private Repository? Repo(bool create)
    {
        if (repo is not null)
            return repo;
        if (!Repository.IsValid(path))
        {
            if (!create)
                return null;
            try
            {
                Repository.Init(path, isBare: true);
            }
            catch (Exception e) when (e is LibGit2SharpException or IOException or UnauthorizedAccessException)
            {
                throw new SourceUnavailableException($"cannot create the git cache in {path}: {e.Message}", e);
            }
        }
        return repo = new Repository(path);
    }

    private void Fetch(SourceRef source, string revision, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var cache = Repo(create: true)!;
            if (cache.Lookup<Commit>(revision) is not null)
                return;
            // libgit2 would call a missing folder an "unsupported URL protocol"; name the real cause.
            if (LocalSource.Problem(source.Url) is { } problem)
                throw new SourceUnavailableException($"cannot fetch from {source.Url}: {problem}");
            ConfigureRemote(cache, source.Url);
            // The branch first (cheapest, and where a new target normally is), then every branch and tag,
            // for a revision that only another ref reaches.
            string[][] attempts =
            [
                [$"+refs/heads/{source.Branch}:refs/remotes/{RemoteName}/{source.Branch}"],
                [$"+refs/heads/*:refs/remotes/{RemoteName}/*", "+refs/tags/*:refs/tags/*"],
            ];
            var received = new FetchReceipt();
            foreach (var refspecs in attempts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    Commands.Fetch(cache, RemoteName, refspecs, FetchOptions(received, cancellationToken), logMessage: null);
                }
                catch (LibGit2SharpException e)
                {
                    throw new SourceUnavailableException(Explain(source.Url, e), e);
                }
                received.EndAttempt();
                if (cache.Lookup<Commit>(revision) is not null)
                {
                    // What a store downloads is its cost on a metered link: a change should cost about the change.
                    logger.LogInformation("Fetched {Revision} from {Url}: {Objects} objects, {Bytes} bytes of pack received",
                        Revisions.Short(revision), Redact(source.Url), received.Objects, received.Bytes);
                    return;
                }
            }
            throw new SourceUnavailableException(
                $"revision {revision} is not on any branch or tag of {Redact(source.Url)} (was it force-pushed away?)");
        }
    }

    private void ConfigureRemote(Repository repo, string url)
    {
        var remote = repo.Network.Remotes[RemoteName];
        if (remote is null)
            repo.Network.Remotes.Add(RemoteName, url);
        else if (remote.Url != url)
            repo.Network.Remotes.Update(RemoteName, r => r.Url = url);
        if (credentials.SshKeyPath is { } key)
        {
            // libgit2 runs core.sshCommand as a program without a shell, so the key travels in a wrapper script.
            var wrapper = Path.Combine(repo.Info.Path, "fleetops-ssh");
            var knownHosts = Path.Combine(repo.Info.Path, "known_hosts");
            var script = $"#!/bin/sh\nexec {credentials.SshProgram} -i '{key}' -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile='{knownHosts}' \"$@\"\n";
            if (!File.Exists(wrapper) || File.ReadAllText(wrapper) != script)
            {
                File.WriteAllText(wrapper, script);
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            if (repo.Config.Get<string>("core.sshCommand")?.Value != wrapper)
                repo.Config.Set("core.sshCommand", wrapper, ConfigurationLevel.Local);
        }
    }

    private FetchOptions FetchOptions(FetchReceipt received, CancellationToken cancellationToken)
    {
        var options = new FetchOptions
        {
            TagFetchMode = TagFetchMode.None,
            OnTransferProgress = progress =>
            {
                received.Update(progress);
                return !cancellationToken.IsCancellationRequested;
            },
        };
        if (credentials.Token is { } token)
            options.CredentialsProvider = (_, _, _) => new UsernamePasswordCredentials { Username = credentials.EffectiveUsername, Password = token };
        return options;
    }

    private static string Explain(string url, LibGit2SharpException e)
    {
        var isSsh = url.StartsWith("ssh://", StringComparison.Ordinal) || (!url.Contains("://") && url.Contains('@') && url.Contains(':'));
        var hint = isSsh
            ? " (ssh sources need the OpenSSH client 'ssh' on PATH and FLEETOPS_GIT_SSH_KEY; if that is not possible, use an https URL with FLEETOPS_GIT_TOKEN)"
            : e.Message.Contains("401") || e.Message.Contains("auth", StringComparison.OrdinalIgnoreCase)
                ? " (check FLEETOPS_GIT_TOKEN)"
                : "";
        return $"cannot fetch from {Redact(url)}: {LocalSource.Explain(url, e.Message)}{hint}";
    }

    private static string Redact(string url) => SourceUrls.Redact(url);

    /// <summary>
    /// Writes the tree under the data dir, or, when that fails (a full disk), under the system's temp folder: a store
    /// whose data dir is full must still render what it runs, to go on correcting drift.
    /// </summary>
    private MaterializedTree Materialize(string revision, CancellationToken cancellationToken)
    {
        try
        {
            return MaterializeUnder(tmpRoot, revision, cancellationToken);
        }
        catch (IOException e)
        {
            if (!warnedFullTmp)
                logger.LogWarning("Cannot write render folders under {Folder} ({Error}); using the system temp folder", tmpRoot, e.Message);
            warnedFullTmp = true;
            return MaterializeUnder(Path.Combine(Path.GetTempPath(), "fleetops-agent-render"), revision, cancellationToken);
        }
    }

    private MaterializedTree MaterializeUnder(string folder, string revision, CancellationToken cancellationToken)
    {
        var root = Path.Combine(folder, $"{Revisions.Short(revision)}-{Guid.NewGuid():N}");
        var tree = new MaterializedTree(root, revision);
        try
        {
            lock (gate)
            {
                var commit = Repo(create: false)?.Lookup<Commit>(revision)
                    ?? throw new SourceUnavailableException($"revision {revision} is not in the local cache");
                Directory.CreateDirectory(root);
                WriteTree(commit.Tree, root, cancellationToken);
            }
            return tree;
        }
        catch
        {
            tree.Dispose();
            throw;
        }
    }

    private static void WriteTree(Tree tree, string folder, CancellationToken cancellationToken)
    {
        foreach (var entry in tree)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(folder, entry.Name);
            switch (entry.TargetType)
            {
                case TreeEntryTargetType.Tree:
                    Directory.CreateDirectory(path);
                    WriteTree((Tree)entry.Target, path, cancellationToken);
                    break;
                case TreeEntryTargetType.Blob when entry.Mode != Mode.SymbolicLink:
                    using (var content = ((Blob)entry.Target).GetContentStream())
                    using (var file = File.Create(path))
                        content.CopyTo(file);
                    break;
                    // Symlinks could point outside the folder and submodules are other repositories:
                    // neither belongs in a rendered manifest set.
            }
        }
    }
}
