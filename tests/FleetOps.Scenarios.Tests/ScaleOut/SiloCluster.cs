using FleetOps.Testing.Brokers;
using FleetOps.Testing.Databases;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using Npgsql;

namespace FleetOps.Scenarios.Tests.ScaleOut;

/// <summary>
/// Hub silos of one Orleans cluster on a fresh PostgreSQL database migrated by <c>fleetops-hub --init-database</c>,
/// a static-password Mosquitto, and a copy of the test fleet repository. Disposes everything it started.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private readonly TempDir folder = new("fleetops-silos");
    private readonly List<HubSilo> silos = [];

    private SiloCluster(PostgresServer postgres, string connectionString, Mosquitto broker)
    {
        Postgres = postgres;
        ConnectionString = connectionString;
        Broker = broker;
        Repository = new GitRepo().CopyFrom("fleet-repo");
        Repository.Commit("Initial fleet");
    }

    public PostgresServer Postgres { get; }

    public string ConnectionString { get; }

    public Mosquitto Broker { get; }

    public GitRepo Repository { get; }

    public string ClusterId { get; } = $"scaleout-{Guid.NewGuid():N}"[..20];

    public IReadOnlyList<HubSilo> Silos => silos;

    /// <summary>A new database, migrated by the first silo's <c>--init-database</c> (asserted to succeed), and <paramref name="count"/> silos started one after the other.</summary>
    public static async Task<SiloCluster> StartAsync(PostgresServer postgres, int count, IReadOnlyDictionary<string, string>? settings = null)
    {
        var cluster = new SiloCluster(postgres, await postgres.CreateDatabaseAsync(), await Mosquitto.StartWithPasswordsAsync());
        try
        {
            for (var i = 0; i < count; i++)
                cluster.silos.Add(new HubSilo(((char)('a' + i)).ToString(), cluster.folder.Sub($"silo-{i}"), cluster.ConnectionString, cluster.ClusterId, cluster.Broker, cluster.Repository.Url, settings));
            var (exit, output) = await cluster.silos[0].InitDatabaseAsync();
            Assert.True(exit == 0, $"--init-database exited {exit}:\n{output}");
            foreach (var silo in cluster.silos)
                await silo.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Silos the cluster's membership table holds as Active (Orleans status 3), by advertised port.</summary>
    public async Task<int> ActiveSilosAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*)::integer FROM orleans_membership WHERE deployment_id = $1 AND status = 3", connection);
        count.Parameters.Add(new NpgsqlParameter { Value = ClusterId });
        return (int)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>Per cluster: how many journal events PostgreSQL holds, and the highest seq.</summary>
    public async Task<Dictionary<string, (long Count, long MaxSeq)>> StoredJournalAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT cluster_id, count(*), max(seq) FROM fleetops_journal GROUP BY cluster_id", connection);
        await using var reader = await read.ExecuteReaderAsync();
        var stored = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
            stored[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        return stored;
    }

    /// <summary>
    /// Writes so far: of grain state (each row's version counts its writes: 1 for the insert, +1 for each update), and
    /// journal events stored. The database load a scenario caused, exactly, unlike PostgreSQL's lagging statistics.
    /// </summary>
    public async Task<(long GrainStateWrites, long JournalEvents)> WritesAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand(
            "SELECT (SELECT coalesce(sum(version), 0) FROM orleans_grain_state)::bigint, (SELECT count(*) FROM fleetops_journal)::bigint", connection);
        await using var reader = await read.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in silos)
            await silo.DisposeAsync();
        Broker.Dispose();
        Repository.Dispose();
        folder.Dispose();
    }
}
