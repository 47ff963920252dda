using System.Collections.Concurrent;
using FleetOps.Hub.Storage;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Tests.Grains;

/// <summary>The journal store's contract in memory: keyed by seq, so a redelivered event is stored once.</summary>
internal sealed class MemoryJournalStore : IJournalStore
{
    private readonly ConcurrentDictionary<string, SortedDictionary<long, ReceivedEvent>> events = new();

    public Task AppendAsync(string clusterId, IReadOnlyList<JournalEvent> batch, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        var stored = events.GetOrAdd(clusterId, _ => []);
        lock (stored)
        {
            foreach (var e in batch)
                stored[e.Seq] = new ReceivedEvent(e, receivedAt);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReceivedEvent>> QueryAsync(string clusterId, DateTimeOffset? since, DateTimeOffset? until, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReceivedEvent>>(All(clusterId)
            .Where(e => e.Event.Seq > afterSeq && (since is null || e.Event.At >= since) && (until is null || e.Event.At < until)).Take(limit).ToList());

    public Task<IReadOnlyList<ClusterEvent>> QueryFleetAsync(FleetEventQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ClusterEvent>>(events.Keys.SelectMany(id => All(id).Select(e => new ClusterEvent(id, e)))
            .Where(c => c.Event.Event.At >= query.Since && (query.Until is null || c.Event.Event.At < query.Until)
                && (query.Kind is null || c.Event.Event.Kind == query.Kind) && (query.Group is null || c.Event.Event.Group == query.Group))
            .OrderByDescending(c => c.Event.Event.At).ThenBy(c => c.ClusterId, StringComparer.Ordinal).ThenBy(c => c.Event.Event.Seq)
            .Skip(query.Skip).Take(query.Take).ToList());

    public Task<IReadOnlyList<ReceivedEvent>> LatestAsync(string clusterId, int count, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReceivedEvent>>(All(clusterId).TakeLast(count).ToList());

    public Task DeleteAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        events.TryRemove(clusterId, out _);
        return Task.CompletedTask;
    }

    private List<ReceivedEvent> All(string clusterId)
    {
        if (!events.TryGetValue(clusterId, out var stored))
            return [];
        lock (stored)
            return [.. stored.Values];
    }
}
