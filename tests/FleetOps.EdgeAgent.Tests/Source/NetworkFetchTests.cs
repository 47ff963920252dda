using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Source;
using FleetOps.EdgeAgent.Tests.Doubles;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Network;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.Tests.Source;

/// <summary>
/// DESIGN.md's target "bytes fetched by a store for a one-file change: proportional to the change, not the
/// repository", over real network transports (git daemon over git://, and git http-backend over smart HTTP, which is
/// stateless and negotiated differently), through a relay that counts the bytes each way: what a store receives is
/// counted as the new objects in its cache and as bytes on the link.
/// </summary>
public sealed class NetworkFetchTests : IDisposable
{
    // A one-file change is a commit, the trees from the root down to the file (root, apps, team, app) and the file.
    private const int OneFileChangeObjects = 6;

    private readonly TempDir work = new("fleetops-network-fetch");
    private readonly RecordingLoggerProvider logs = new();

    [Theory]
    [InlineData("git")]
    [InlineData("http")]
    public async Task AOneFileChangeFetchesThatFileNotTheRepository(string transport)
    {
        await using var server = await ServeAsync(transport);
        await using var link = new TcpProxy(server.EndPoint);
        var remote = GeneratedFleetRepo.Create(Path.Combine(server.BasePath, "fleet.git"), new GeneratedFleetShape(Files: 1000, History: 30));
        using var cache = Cache();

        var first = await FetchAsync(cache, server, link, remote, remote.Head);
        var change = await FetchAsync(cache, server, link, remote, remote.Change(files: 1));

        Assert.Equal(OneFileChangeObjects, change.Objects);
        Assert.True(change.BytesDown * 25 < first.BytesDown, $"a one-file change took {change} after a first fetch of {first}");
        // The store's own log says what each fetch cost, as libgit2 counted it.
        Assert.Contains(logs.Lines, l => l.Message.Contains($": {OneFileChangeObjects} objects, ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("git")]
    [InlineData("http")]
    public async Task TenFileChangesFetchTenFilesAndTheirFolders(string transport)
    {
        await using var server = await ServeAsync(transport);
        await using var link = new TcpProxy(server.EndPoint);
        var remote = GeneratedFleetRepo.Create(Path.Combine(server.BasePath, "fleet.git"), new GeneratedFleetShape(Files: 400, History: 30));
        using var cache = Cache();
        await FetchAsync(cache, server, link, remote, remote.Head);

        var change = await FetchAsync(cache, server, link, remote, remote.Change(files: 10));

        // One commit, ten files, and at most the root, apps, four teams and ten app folders above them.
        Assert.InRange(change.Objects, 1 + 10 + 3, 1 + 10 + 2 + 4 + 10);
    }

    [Theory]
    [InlineData("git")]
    [InlineData("http")]
    public async Task AChangeInALongHistoryWithManyTagsFetchesOnlyTheChange(string transport)
    {
        await using var server = await ServeAsync(transport);
        await using var link = new TcpProxy(server.EndPoint);
        var remote = GeneratedFleetRepo.Create(Path.Combine(server.BasePath, "aged.git"), new GeneratedFleetShape(Files: 200, History: 600, TagEvery: 10));
        using var cache = Cache();
        var first = await FetchAsync(cache, server, link, remote, remote.Head);

        var change = await FetchAsync(cache, server, link, remote, remote.Change(files: 1));

        Assert.Equal(OneFileChangeObjects, change.Objects);
        Assert.True(change.BytesDown * 25 < first.BytesDown, $"a one-file change took {change} after a first fetch of {first}");
    }

    [Theory]
    [InlineData("git")]
    [InlineData("http")]
    public async Task SeveralCommitsBehindFetchesThoseCommitsOnly(string transport)
    {
        await using var server = await ServeAsync(transport);
        await using var link = new TcpProxy(server.EndPoint);
        var remote = GeneratedFleetRepo.Create(Path.Combine(server.BasePath, "fleet.git"), new GeneratedFleetShape(Files: 200, History: 10));
        using var cache = Cache();
        await FetchAsync(cache, server, link, remote, remote.Head);
        for (var i = 0; i < 4; i++)
            remote.Change(files: 1);

        var change = await FetchAsync(cache, server, link, remote, remote.Head);

        Assert.InRange(change.Objects, 4 * 3, 4 * OneFileChangeObjects);
    }

    public void Dispose()
    {
        logs.Dispose();
        work.Dispose();
    }

    private async Task<IGitServer> ServeAsync(string transport) => transport switch
    {
        "git" => await GitDaemon.StartAsync(work.Sub("served")),
        "http" => await GitHttpServer.StartAsync(work.Sub("served")),
        _ => throw new ArgumentException($"no git server for {transport}", nameof(transport)),
    };

    private LibGit2GitCache Cache() => new(work.Sub("store"), GitCredentialOptions.Default, logs.CreateFactory().CreateLogger<LibGit2GitCache>());

    private async Task<Fetched> FetchAsync(LibGit2GitCache cache, IGitServer server, TcpProxy link, GeneratedFleetRepo remote, string revision)
    {
        var packs = PackedObjects.In(work.Sub("store", "git"));
        var (down, up) = (link.BytesDown, link.BytesUp);
        await cache.EnsureAsync(new SourceRef(server.UrlOf(remote.Path, link.Port), GeneratedFleetRepo.Branch), revision, CancellationToken.None);
        Assert.True(cache.Has(revision));
        var received = PackedObjects.In(work.Sub("store", "git")) - packs;
        return new Fetched(received.Objects, link.BytesDown - down, link.BytesUp - up);
    }

    private sealed record Fetched(long Objects, long BytesDown, long BytesUp);
}
