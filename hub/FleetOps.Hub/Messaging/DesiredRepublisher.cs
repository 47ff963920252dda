using System.Diagnostics;
using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Messaging;

/// <summary>
/// Each time the agent transport (re)connects, every registered cluster re-derives and republishes its
/// retained desired state: the hub, not the broker, is the source of truth, and an embedded broker starts empty.
/// The first pass also rebuilds the in-memory reports of directory shards and groups, then marks the
/// hub ready.
/// </summary>
internal sealed class DesiredRepublisher(
    IAgentTransport transport,
    IGrainFactory grains,
    HubReadiness readiness,
    ILogger<DesiredRepublisher> logger) : BackgroundService
{
    // Enough overlap to keep the broker and storage busy without queueing thousands of grain calls.
    private const int Parallelism = 64;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var epoch in transport.Connections.ReadAllAsync(stoppingToken))
        {
            while (!await TryRepublishAsync(epoch, stoppingToken))
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
        }
    }

    private async Task<bool> TryRepublishAsync(int epoch, CancellationToken stoppingToken)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var version = (await grains.GetGrain<IFleetGrain>(IFleetGrain.Key).GetSnapshotAsync()).Version;
            var ids = (await Task.WhenAll(ClusterDirectory.All(grains).Select(shard => shard.GetIdsAsync()))).SelectMany(i => i).ToList();
            var failed = 0;
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                async (id, _) =>
                {
                    try
                    {
                        if (await grains.GetGrain<IClusterGrain>(id).ResumeAsync() is { } problem)
                            readiness.NeedsAttention(id, problem);
                        else
                            readiness.Resolved(id);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // One cluster that cannot resume must not keep the whole fleet from being served.
                        readiness.NeedsAttention(id, $"could not be resumed: {e.Message}");
                        if (Interlocked.Increment(ref failed) == 1)
                            logger.LogError(e, "Cluster {Cluster} could not be resumed", id);
                    }
                });
            // Every cluster took the snapshot as it resumed (a newer one reaches them through the shards).
            await Task.WhenAll(ClusterDirectory.All(grains).Select(shard => shard.MarkAppliedAsync(version)));
            logger.LogInformation("Republished desired state of {Count} clusters in {Elapsed} (connection {Epoch}, {Failed} failed)",
                ids.Count - failed, Stopwatch.GetElapsedTime(started), epoch, failed);
            readiness.MarkReady();
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Republishing desired state failed; retrying");
            return false;
        }
    }
}
