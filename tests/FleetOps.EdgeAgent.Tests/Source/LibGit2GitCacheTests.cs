using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Source;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using Microsoft.Extensions.Logging.Abstractions;

namespace FleetOps.EdgeAgent.Tests.Source;

public sealed class LibGit2GitCacheTests : IDisposable
{
    private readonly TempDir data = new();
    private readonly GitRepo remote = new();

    private LibGit2GitCache Cache() => new(data.Path, GitCredentialOptions.Default, NullLogger<LibGit2GitCache>.Instance);

    [Fact]
    public async Task ACachedRevisionNeedsNoRemoteAtAll()
    {
        var sha = remote.CopyFrom("plain", "apps/shop").Commit();
        using (var cache = Cache())
            await cache.EnsureAsync(new SourceRef(remote.Url, remote.Branch), sha, CancellationToken.None);
        remote.Dispose();
        using (var cache = Cache())
        {
            Assert.True(cache.Has(sha));
            await cache.EnsureAsync(new SourceRef("/nonexistent/remote", "main"), sha, CancellationToken.None);
            using var tree = await cache.MaterializeAsync(sha, CancellationToken.None);
            Assert.Contains("greeting: hello", File.ReadAllText(Path.Combine(tree.Root, "apps/shop/configmap.yaml")));
        }
    }

    [Fact]
    public async Task ANewRevisionIsFetchedIncrementally()
    {
        var first = remote.CopyFrom("plain", "apps/shop").Commit();
        var second = remote.Write("apps/shop/extra.yaml", "a: b").Commit();
        using var cache = Cache();
        var source = new SourceRef(remote.Url, remote.Branch);
        await cache.EnsureAsync(source, first, CancellationToken.None);
        await cache.EnsureAsync(source, second, CancellationToken.None);
        using var tree = await cache.MaterializeAsync(second, CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(tree.Root, "apps/shop/extra.yaml")));
    }

    [Fact]
    public async Task MaterializedTreesAreRemovedOnDispose()
    {
        var sha = remote.CopyFrom("plain").Commit();
        using var cache = Cache();
        await cache.EnsureAsync(new SourceRef(remote.Url, remote.Branch), sha, CancellationToken.None);
        string root;
        using (var tree = await cache.MaterializeAsync(sha, CancellationToken.None))
            root = tree.Root;
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public async Task AnUnreachableSourceIsSourceUnavailableNamingTheUrl()
    {
        using var cache = Cache();
        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() =>
            cache.EnsureAsync(new SourceRef("/nonexistent/fleet-config", "main"), new string('a', 40), CancellationToken.None));
        Assert.Contains("/nonexistent/fleet-config", e.Message);
    }

    [Fact]
    public async Task AMissingLocalPathIsNamedAsMissingNotAsAnUnsupportedProtocol()
    {
        var missing = Path.Combine(data.Path, "moved-away", "fleet-config");
        using var cache = Cache();
        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() =>
            cache.EnsureAsync(new SourceRef(missing, "main"), new string('a', 40), CancellationToken.None));
        Assert.Contains($"repository path {missing} does not exist", e.Message);
        Assert.DoesNotContain("unsupported URL protocol", e.Message);
    }

    [Fact]
    public async Task ALocalFolderThatIsNotARepositorySaysSo()
    {
        var folder = Directory.CreateDirectory(data.Sub("not-a-repo")).FullName;
        using var cache = Cache();
        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() =>
            cache.EnsureAsync(new SourceRef(folder, "main"), new string('a', 40), CancellationToken.None));
        Assert.Contains($"{folder} is not a git repository", e.Message);
    }

    [Fact]
    public async Task ARevisionOnNoBranchSaysSo()
    {
        remote.CopyFrom("plain").Commit();
        using var cache = Cache();
        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() =>
            cache.EnsureAsync(new SourceRef(remote.Url, remote.Branch), new string('d', 40), CancellationToken.None));
        Assert.Contains("not on any branch or tag", e.Message);
    }

    [Fact]
    public async Task SshSourcesGetTheConfiguredKeyThroughTheOpenSshClient()
    {
        var sha = remote.CopyFrom("plain").Commit();
        // Stands in for OpenSSH: records its arguments, then runs the remote command locally.
        var fakeSsh = Path.Combine(data.Path, "fake-ssh");
        var log = Path.Combine(data.Path, "ssh-args.log");
        File.WriteAllText(fakeSsh, $"#!/bin/sh\necho \"$@\" >> '{log}'\nfor last; do :; done\nexec sh -c \"$last\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(fakeSsh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var key = Path.Combine(data.Path, "id_ed25519");
        File.WriteAllText(key, "not a real key");
        using var cache = new LibGit2GitCache(data.Sub("agent"), new GitCredentialOptions(SshKeyPath: key, SshProgram: fakeSsh), NullLogger<LibGit2GitCache>.Instance);

        await cache.EnsureAsync(new SourceRef($"ssh://git@localhost{remote.Url}", remote.Branch), sha, CancellationToken.None);

        Assert.True(cache.Has(sha));
        var args = File.ReadAllText(log);
        Assert.Contains($"-i {key}", args);
        Assert.Contains("git-upload-pack", args);
    }

    public void Dispose()
    {
        remote.Dispose();
        data.Dispose();
    }
}
