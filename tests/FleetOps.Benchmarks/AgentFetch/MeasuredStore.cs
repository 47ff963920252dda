using System.Diagnostics;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Source;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Git;
using FleetOps.Testing.Network;
using Microsoft.Extensions.Logging.Abstractions;

namespace FleetOps.Benchmarks.AgentFetch;

/// <summary>
/// One store's git cache (the agent's own <see cref="LibGit2GitCache"/> in its data dir) fetching over a counting relay:
/// each fetch is measured as bytes on the link and as the objects of the pack it wrote.
/// </summary>
public sealed class MeasuredStore(string dataDir, TcpProxy link, SourceRef source) : IDisposable
{
    private readonly LibGit2GitCache cache = new(dataDir, GitCredentialOptions.Default, NullLogger<LibGit2GitCache>.Instance);

    public async Task<FetchFigures> FetchAsync(string revision)
    {
        var packs = PackedObjects.In(Path.Combine(dataDir, "git"));
        var (down, up) = (link.BytesDown, link.BytesUp);
        var wall = Stopwatch.StartNew();
        await cache.EnsureAsync(source, revision, CancellationToken.None);
        wall.Stop();
        if (!cache.Has(revision))
            throw new InvalidOperationException($"the store does not have {revision} after fetching it");
        var received = PackedObjects.In(Path.Combine(dataDir, "git")) - packs;
        return new FetchFigures(link.BytesDown - down, link.BytesUp - up, received.Objects, received.Bytes, wall.Elapsed);
    }

    /// <summary>The cache's packs (each network fetch leaves one; libgit2 never repacks) and its bytes on disk.</summary>
    public PackedObjects Footprint()
    {
        var git = Path.Combine(dataDir, "git");
        return PackedObjects.In(git) with { Bytes = Directory.EnumerateFiles(git, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) };
    }

    /// <summary>Bytes of every file in the checkout of <paramref name="revision"/>: the repository as a store renders it.</summary>
    public async Task<long> CheckoutBytesAsync(string revision)
    {
        using var tree = await cache.MaterializeAsync(revision, CancellationToken.None);
        return Directory.EnumerateFiles(tree.Root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
    }

    public void Dispose() => cache.Dispose();
}
