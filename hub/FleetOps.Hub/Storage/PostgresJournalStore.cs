using FleetOps.Hub.Hosting;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FleetOps.Hub.Storage;

/// <summary>
/// Journal history in PostgreSQL for the scale-out hub (table <c>fleetops_journal</c>, made by the hub's migration,
/// <c>Postgres/Schema/04-journal.sql</c>). The primary key (cluster, seq) makes redelivered events no-ops.
/// </summary>
internal sealed class PostgresJournalStore(NpgsqlDataSource dataSource, IOptions<HubOptions> hub) : IJournalStore
{
    private readonly int limit = hub.Value.HistoryLimit;

    public async Task AppendAsync(string clusterId, IReadOnlyList<JournalEvent> events, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
            return;
        await using var batch = dataSource.CreateBatch();
        foreach (var e in events)
        {
            var insert = new NpgsqlBatchCommand(
                "INSERT INTO fleetops_journal (cluster_id, seq, at, kind, group_name, revision, detail, received_at, changes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING");
            insert.Parameters.Add(new NpgsqlParameter { Value = clusterId });
            insert.Parameters.Add(new NpgsqlParameter { Value = e.Seq });
            insert.Parameters.Add(new NpgsqlParameter { Value = e.At.UtcDateTime });
            insert.Parameters.Add(new NpgsqlParameter { Value = e.Kind });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Group ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Revision ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Detail ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = receivedAt.UtcDateTime });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)JournalChanges.Write(e.Changes) ?? DBNull.Value });
            batch.BatchCommands.Add(insert);
        }
        var trim = new NpgsqlBatchCommand("DELETE FROM fleetops_journal WHERE cluster_id = $1 AND seq <= $2");
        trim.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        trim.Parameters.Add(new NpgsqlParameter { Value = events[^1].Seq - limit });
        batch.BatchCommands.Add(trim);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReceivedEvent>> QueryAsync(string clusterId, DateTimeOffset? since, DateTimeOffset? until, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        await using var query = dataSource.CreateCommand(
            "SELECT seq, at, kind, group_name, revision, detail, received_at, changes FROM fleetops_journal WHERE cluster_id = $1 AND at >= $2 AND at < $3 AND seq > $4 ORDER BY seq LIMIT $5");
        query.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        query.Parameters.Add(new NpgsqlParameter { Value = (since ?? DateTimeOffset.MinValue).UtcDateTime });
        query.Parameters.Add(new NpgsqlParameter { Value = (until ?? DateTimeOffset.MaxValue).UtcDateTime });
        query.Parameters.Add(new NpgsqlParameter { Value = afterSeq });
        query.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await ReadAsync(query, cancellationToken);
    }

    public async Task<IReadOnlyList<ClusterEvent>> QueryFleetAsync(FleetEventQuery query, CancellationToken cancellationToken = default)
    {
        // (kind, at DESC) serves a listing of one kind, (at DESC, cluster_id, seq) every other one, in the order asked.
        await using var select = dataSource.CreateCommand(
            "SELECT seq, at, kind, group_name, revision, detail, received_at, changes, cluster_id FROM fleetops_journal " +
            "WHERE at >= $1 AND at < $2 AND ($3::text IS NULL OR kind = $3) AND ($4::text IS NULL OR group_name = $4) " +
            "ORDER BY at DESC, cluster_id, seq OFFSET $5 LIMIT $6");
        select.Parameters.Add(new NpgsqlParameter { Value = query.Since.UtcDateTime });
        select.Parameters.Add(new NpgsqlParameter { Value = (query.Until ?? DateTimeOffset.MaxValue).UtcDateTime });
        select.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Kind ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        select.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Group ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        select.Parameters.Add(new NpgsqlParameter { Value = query.Skip });
        select.Parameters.Add(new NpgsqlParameter { Value = query.Take });
        var events = new List<ClusterEvent>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            events.Add(new ClusterEvent(reader.GetString(8), Read(reader)));
        return events;
    }

    public async Task<IReadOnlyList<ReceivedEvent>> LatestAsync(string clusterId, int count, CancellationToken cancellationToken = default)
    {
        await using var query = dataSource.CreateCommand(
            "SELECT seq, at, kind, group_name, revision, detail, received_at, changes FROM (SELECT * FROM fleetops_journal WHERE cluster_id = $1 ORDER BY seq DESC LIMIT $2) AS newest ORDER BY seq");
        query.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        query.Parameters.Add(new NpgsqlParameter { Value = count });
        return await ReadAsync(query, cancellationToken);
    }

    public async Task DeleteAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        await using var delete = dataSource.CreateCommand("DELETE FROM fleetops_journal WHERE cluster_id = $1");
        delete.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<ReceivedEvent>> ReadAsync(NpgsqlCommand query, CancellationToken cancellationToken)
    {
        var events = new List<ReceivedEvent>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            events.Add(Read(reader));
        return events;
    }

    // Columns: seq, at, kind, group_name, revision, detail, received_at, changes.
    private static ReceivedEvent Read(NpgsqlDataReader reader) => new(
        new JournalEvent(reader.GetInt64(0), Utc(reader.GetDateTime(1)), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
            Changes: JournalChanges.Read(reader.IsDBNull(7) ? null : reader.GetString(7))),
        reader.IsDBNull(6) ? null : Utc(reader.GetDateTime(6)));

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
