using System.Globalization;
using FleetOps.Hub.Hosting;
using FleetOps.Shared.Contracts;
using LiteDB;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Storage;

/// <summary>
/// Journal history in the hub's LiteDB file, one document per appended batch. The cluster grain only
/// appends events above the seq it acknowledged (which it reads back from here on activation), so
/// chunks never overlap; a redelivered batch with the same first seq overwrites itself. An append completes once its
/// batch is on the disk: the grain acknowledges it right after, and the agent then drops those events for good.
/// </summary>
internal sealed class LiteDbJournalStore(HubDatabase database, IOptions<HubOptions> options) : IJournalStore
{
    public const string Collection = "journal";

    // Trimming scans a cluster's chunks, so it runs once per this many events rather than on every append.
    private const int TrimEvery = 500;

    private readonly ILiteCollection<StoredJournalChunk> chunks = database.Database.GetCollection<StoredJournalChunk>(Collection);
    private readonly int limit = options.Value.HistoryLimit;

    public async Task AppendAsync(string clusterId, IReadOnlyList<JournalEvent> batch, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        if (batch.Count == 0)
            return;
        var chunk = new StoredJournalChunk
        {
            Id = Key(clusterId, batch[0].Seq),
            LastSeq = batch[^1].Seq,
            Events = batch.Select(e => new StoredJournalEvent
            {
                Seq = e.Seq,
                At = e.At.UtcDateTime,
                ReceivedAt = receivedAt.UtcDateTime,
                Kind = e.Kind,
                Group = e.Group,
                Revision = e.Revision,
                Detail = e.Detail,
                Changes = JournalChanges.Write(e.Changes),
            }).ToList(),
        };
        var last = batch[^1].Seq;
        var trim = last > limit && (batch[0].Seq - 1) / TrimEvery != last / TrimEvery;
        await database.WriteAsync(db =>
        {
            var collection = db.GetCollection<StoredJournalChunk>(Collection);
            collection.Upsert(chunk);
            if (!trim)
                return 0;
            var expired = collection.Find(OfCluster(clusterId)).Where(c => c.LastSeq <= last - limit).Select(c => new BsonValue(c.Id)).ToList();
            return expired.Count(id => collection.Delete(id));
        }, durable: true);
    }

    public Task<IReadOnlyList<ReceivedEvent>> QueryAsync(string clusterId, DateTimeOffset? since, DateTimeOffset? until, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        var from = since?.UtcDateTime ?? DateTime.MinValue;
        var to = until?.UtcDateTime ?? DateTime.MaxValue;
        var found = chunks.Find(OfCluster(clusterId))
            .Where(c => c.LastSeq > afterSeq)
            .SelectMany(c => c.Events)
            .Where(e => e.Seq > afterSeq && e.At >= from && e.At < to)
            .Take(limit)
            .Select(ToEvent)
            .ToList();
        return Task.FromResult<IReadOnlyList<ReceivedEvent>>(found);
    }

    /// <summary>
    /// Chunks holding an event in the window (and of the kind, when asked) come through the multikey indexes on their
    /// events' times and kinds; only those are opened, then their events filtered and ordered.
    /// </summary>
    public Task<IReadOnlyList<ClusterEvent>> QueryFleetAsync(FleetEventQuery query, CancellationToken cancellationToken = default)
    {
        var from = query.Since.UtcDateTime;
        var to = query.Until?.UtcDateTime ?? DateTime.MaxValue;
        var where = query.Kind is null
            ? BsonExpression.Create("$.Events[*].At ANY >= @0", new BsonValue(from))
            : BsonExpression.Create("$.Events[*].Kind ANY = @0 AND $.Events[*].At ANY >= @1", new BsonValue(query.Kind), new BsonValue(from));
        var found = chunks.Find(where)
            .SelectMany(c => c.Events.Select(e => (Cluster: c.Id[..c.Id.LastIndexOf('/')], Event: e)))
            .Where(x => x.Event.At >= from && x.Event.At < to && (query.Kind is null || x.Event.Kind == query.Kind) && (query.Group is null || x.Event.Group == query.Group))
            .OrderByDescending(x => x.Event.At).ThenBy(x => x.Cluster, StringComparer.Ordinal).ThenBy(x => x.Event.Seq)
            .Skip(query.Skip).Take(query.Take)
            .Select(x => new ClusterEvent(x.Cluster, ToEvent(x.Event)))
            .ToList();
        return Task.FromResult<IReadOnlyList<ClusterEvent>>(found);
    }

    public Task<IReadOnlyList<ReceivedEvent>> LatestAsync(string clusterId, int count, CancellationToken cancellationToken = default)
    {
        var newest = new List<ReceivedEvent>();
        foreach (var chunk in chunks.Query().Where(OfCluster(clusterId)).OrderByDescending("_id").ToEnumerable())
        {
            newest.AddRange(chunk.Events.AsEnumerable().Reverse().Select(ToEvent));
            if (newest.Count >= count)
                break;
        }
        newest = newest.Take(count).ToList();
        newest.Reverse();
        return Task.FromResult<IReadOnlyList<ReceivedEvent>>(newest);
    }

    public Task DeleteAsync(string clusterId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(db => db.GetCollection<StoredJournalChunk>(Collection).DeleteMany(OfCluster(clusterId)));

    /// <summary>
    /// Multikey indexes over every event of a chunk: what a fleet-wide listing by time and kind looks up. Made by
    /// <see cref="HubDatabase"/> when it opens the file, before any other transaction runs.
    /// </summary>
    public static void EnsureIndexes(ILiteCollection<StoredJournalChunk> collection)
    {
        collection.EnsureIndex("event_at", "$.Events[*].At");
        collection.EnsureIndex("event_kind", "$.Events[*].Kind");
    }

    private static BsonExpression OfCluster(string clusterId) =>
        BsonExpression.Create("_id BETWEEN @0 AND @1", Key(clusterId, 0), Key(clusterId, long.MaxValue));

    private static ReceivedEvent ToEvent(StoredJournalEvent e) => new(
        new JournalEvent(e.Seq, Utc(e.At), e.Kind, e.Group, e.Revision, e.Detail, Changes: JournalChanges.Read(e.Changes)),
        e.ReceivedAt is { } received ? Utc(received) : null);

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private static string Key(string clusterId, long seq) => $"{clusterId}/{seq.ToString("D19", CultureInfo.InvariantCulture)}";
}
