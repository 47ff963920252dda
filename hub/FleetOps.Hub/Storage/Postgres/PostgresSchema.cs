using System.Reflection;
using Npgsql;

namespace FleetOps.Hub.Storage.Postgres;

/// <summary>
/// The hub's PostgreSQL schema: Orleans membership and grain state (the tables, and the SQL the ADO.NET providers
/// read from <c>OrleansQuery</c>), and the journal. Written from the providers' contract for the pinned Orleans
/// version; every step is idempotent, so migrating again changes nothing, and the whole migration is one
/// transaction under an advisory lock, so two silos started with <c>Hub:Database:Migrate=true</c> take turns.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Raised whenever a step changes; a hub refuses a database below it.</summary>
    public const int Version = 1;

    private const long MigrationLock = 0x466c6565744f7073; // "FleetOps"

    private static readonly string[] Steps = ["01-queries.sql", "02-membership.sql", "03-grain-state.sql", "04-journal.sql"];

    private static readonly string[] Tables =
        ["orleansquery", "fleetops_schema", "orleans_membership_version", "orleans_membership", "orleans_grain_state", "fleetops_journal"];

    /// <summary>The version the database was migrated to, or null when it has no FleetOps schema.</summary>
    public static async Task<int?> ReadVersionAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (!await ExistsAsync(connection, null, "fleetops_schema", cancellationToken))
            return null;
        await using var read = new NpgsqlCommand("SELECT version FROM fleetops_schema WHERE id = 1", connection);
        return await read.ExecuteScalarAsync(cancellationToken) is int version ? version : null;
    }

    public static async Task<SchemaMigration> MigrateAsync(NpgsqlDataSource database, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);

        var tablesBefore = await PresentTablesAsync(connection, transaction, cancellationToken);
        int? versionBefore = null;
        if (tablesBefore.Contains("fleetops_schema"))
        {
            await using var read = new NpgsqlCommand("SELECT version FROM fleetops_schema WHERE id = 1", connection, transaction);
            versionBefore = await read.ExecuteScalarAsync(cancellationToken) as int?;
        }
        var queriesBefore = tablesBefore.Contains("orleansquery") ? await QueriesAsync(connection, transaction, cancellationToken) : [];

        foreach (var step in Steps)
            await ExecuteAsync(connection, transaction, Read(step), cancellationToken);
        await using (var stamp = new NpgsqlCommand(
            "INSERT INTO fleetops_schema (id, version, orleans_version, migrated_at) VALUES (1, $1, $2, $3) " +
            "ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, orleans_version = EXCLUDED.orleans_version, migrated_at = EXCLUDED.migrated_at " +
            "WHERE fleetops_schema.version <> EXCLUDED.version OR fleetops_schema.orleans_version <> EXCLUDED.orleans_version", connection, transaction))
        {
            stamp.Parameters.Add(new NpgsqlParameter { Value = Version });
            stamp.Parameters.Add(new NpgsqlParameter { Value = OrleansVersion });
            stamp.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
            await stamp.ExecuteNonQueryAsync(cancellationToken);
        }

        var tablesAfter = await PresentTablesAsync(connection, transaction, cancellationToken);
        var queriesAfter = await QueriesAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SchemaMigration(
            versionBefore,
            Version,
            [.. Tables.Where(t => tablesAfter.Contains(t) && !tablesBefore.Contains(t))],
            [.. queriesAfter.Keys.Where(k => !queriesBefore.ContainsKey(k)).Order(StringComparer.Ordinal)],
            [.. queriesAfter.Keys.Where(k => queriesBefore.TryGetValue(k, out var old) && old != queriesAfter[k]).Order(StringComparer.Ordinal)]);
    }

    /// <summary>The Orleans release the queries were written for, recorded beside the version.</summary>
    public static string OrleansVersion { get; } = ReleaseOf(typeof(IGrain).Assembly);

    // Orleans' informational version reads "10.4.2. Commit Hash: ...": the release is its leading digits and dots.
    private static string ReleaseOf(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        var release = new string([.. informational.TakeWhile(c => char.IsAsciiDigit(c) || c == '.')]).TrimEnd('.');
        return release.Length > 0 ? release : "unknown";
    }

    private static string Read(string step)
    {
        using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream($"FleetOps.Hub.Schema.{step}")
            ?? throw new InvalidOperationException($"schema step {step} is not embedded in the hub");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        await using var probe = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection, transaction);
        probe.Parameters.Add(new NpgsqlParameter { Value = table });
        return await probe.ExecuteScalarAsync(cancellationToken) is true;
    }

    private static async Task<HashSet<string>> PresentTablesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            if (await ExistsAsync(connection, transaction, table, cancellationToken))
                present.Add(table);
        }
        return present;
    }

    private static async Task<Dictionary<string, string>> QueriesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var read = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery", connection, transaction);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            queries[reader.GetString(0)] = reader.GetString(1);
        return queries;
    }
}
