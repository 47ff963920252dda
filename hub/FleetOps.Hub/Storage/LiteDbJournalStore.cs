using System.Globalization;
using FleetOps.Hub.Hosting;
using FleetOps.Shared.Contracts;
using LiteDB;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Storage;

/// <summary>
/// Journal history in the hub's LiteDB file. Rows are keyed by cluster and zero-padded seq, so a
/// cluster's events sort by seq on the primary key and redelivered events overwrite themselves.
/// </summary>
public sealed class LiteDbJournalStore : IJournalStore
{
    // Trimming scans a cluster's rows, so it runs once per this many events rather than on every append.
    private const int TrimEvery = 500;

    private const string Collection = "journal";

    private readonly HubDatabase database;
    private readonly ILiteCollection<StoredJournalEvent> events;
    private readonly int limit;

    public LiteDbJournalStore(HubDatabase database, IOptions<HubOptions> options)
    {
        this.database = database;
        events = database.Database.GetCollection<StoredJournalEvent>(Collection);
        limit = options.Value.HistoryLimit;
    }

    public async Task AppendAsync(string clusterId, IReadOnlyList<JournalEvent> batch, CancellationToken cancellationToken = default)
    {
        if (batch.Count == 0)
            return;
        var rows = batch.Select(e => new StoredJournalEvent
        {
            Id = Key(clusterId, e.Seq), Cluster = clusterId, Seq = e.Seq, At = e.At.UtcDateTime,
            Kind = e.Kind, Group = e.Group, Revision = e.Revision, Detail = e.Detail,
        }).ToList();
        var last = batch[^1].Seq;
        var trim = last > limit && (batch[0].Seq - 1) / TrimEvery != last / TrimEvery;
        await database.WriteAsync(db =>
        {
            var collection = db.GetCollection<StoredJournalEvent>(Collection);
            collection.Upsert(rows);
            return trim ? collection.DeleteMany(OfCluster(clusterId, 0, last - limit)) : 0;
        });
    }

    public Task<IReadOnlyList<JournalEvent>> QueryAsync(string clusterId, DateTimeOffset? since, DateTimeOffset? until, int limit, CancellationToken cancellationToken = default)
    {
        var from = since?.UtcDateTime ?? DateTime.MinValue;
        var to = until?.UtcDateTime ?? DateTime.MaxValue;
        var found = events.Query()
            .Where(OfCluster(clusterId))
            .Where(e => e.At >= from && e.At < to)
            .OrderBy("_id")
            .Limit(limit)
            .ToList();
        return Task.FromResult<IReadOnlyList<JournalEvent>>(found.Select(ToEvent).ToList());
    }

    public Task<IReadOnlyList<JournalEvent>> LatestAsync(string clusterId, int count, CancellationToken cancellationToken = default)
    {
        var found = events.Query()
            .Where(OfCluster(clusterId))
            .OrderByDescending("_id")
            .Limit(count)
            .ToList();
        found.Reverse();
        return Task.FromResult<IReadOnlyList<JournalEvent>>(found.Select(ToEvent).ToList());
    }

    private static BsonExpression OfCluster(string clusterId, long from = 0, long to = long.MaxValue) =>
        BsonExpression.Create("_id BETWEEN @0 AND @1", Key(clusterId, from), Key(clusterId, to));

    private static JournalEvent ToEvent(StoredJournalEvent e) =>
        new(e.Seq, new DateTimeOffset(DateTime.SpecifyKind(e.At, DateTimeKind.Utc)), e.Kind, e.Group, e.Revision, e.Detail);

    private static string Key(string clusterId, long seq) => $"{clusterId}/{seq.ToString("D19", CultureInfo.InvariantCulture)}";
}
