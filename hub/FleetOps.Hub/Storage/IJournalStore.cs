using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Storage;

/// <summary>
/// Per-cluster history of journal events, kept apart from grain state because it is large and
/// append-mostly. Callers append only events above the highest seq stored (the cluster grain reads it
/// back with <see cref="LatestAsync"/>); appending the same batch again is harmless.
/// </summary>
internal interface IJournalStore
{
    /// <summary>Stores the events with the hub's time of receipt beside the store's own times.</summary>
    Task AppendAsync(string clusterId, IReadOnlyList<JournalEvent> events, DateTimeOffset receivedAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Events with seq above <paramref name="afterSeq"/> and <paramref name="since"/> ≤ at &lt; <paramref name="until"/>
    /// (the store's times), in seq order, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<ReceivedEvent>> QueryAsync(string clusterId, DateTimeOffset? since, DateTimeOffset? until, long afterSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>Events of every cluster matching the query, newest first (store's time, then cluster id, then seq).</summary>
    Task<IReadOnlyList<ClusterEvent>> QueryFleetAsync(FleetEventQuery query, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="count"/> events, oldest first.</summary>
    Task<IReadOnlyList<ReceivedEvent>> LatestAsync(string clusterId, int count, CancellationToken cancellationToken = default);

    /// <summary>Every event of the cluster (it was deregistered: a new registration of the id starts its journal afresh).</summary>
    Task DeleteAsync(string clusterId, CancellationToken cancellationToken = default);
}
