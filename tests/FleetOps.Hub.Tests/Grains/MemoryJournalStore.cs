using System.Collections.Concurrent;
using FleetOps.Hub.Storage;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Tests.Grains;

/// <summary>The journal store's contract in memory: keyed by seq, so a redelivered event is stored once.</summary>
public sealed class MemoryJournalStore : IJournalStore
{
    private readonly ConcurrentDictionary<string, SortedDictionary<long, JournalEvent>> events = new();

    public Task AppendAsync(string clusterId, IReadOnlyList<JournalEvent> batch, CancellationToken cancellationToken = default)
    {
        var stored = events.GetOrAdd(clusterId, _ => []);
        lock (stored)
        {
            foreach (var e in batch)
                stored[e.Seq] = e;
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<JournalEvent>> QueryAsync(string clusterId, DateTimeOffset? since, DateTimeOffset? until, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<JournalEvent>>(All(clusterId).Where(e => (since is null || e.At >= since) && (until is null || e.At < until)).Take(limit).ToList());

    public Task<IReadOnlyList<JournalEvent>> LatestAsync(string clusterId, int count, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<JournalEvent>>(All(clusterId).TakeLast(count).ToList());

    public Task DeleteAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        events.TryRemove(clusterId, out _);
        return Task.CompletedTask;
    }

    private List<JournalEvent> All(string clusterId)
    {
        if (!events.TryGetValue(clusterId, out var stored))
            return [];
        lock (stored)
            return [.. stored.Values];
    }
}
