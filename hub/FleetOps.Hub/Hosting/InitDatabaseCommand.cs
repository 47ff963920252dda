using FleetOps.Hub.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace FleetOps.Hub.Hosting;

/// <summary>
/// <c>fleetops-hub --init-database</c>: migrates the PostgreSQL schema named by <c>Hub:Orleans:ConnectionString</c>,
/// prints what it did and exits. Idempotent: run it again and it says there was nothing to change.
/// </summary>
internal static class InitDatabaseCommand
{
    public const string Switch = "--init-database";

    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, TextWriter errors)
    {
        var options = configuration.GetSection(ClusteringOptions.Section).Get<ClusteringOptions>() ?? ClusteringOptions.Default;
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            await errors.WriteLineAsync($"fleetops-hub {Switch}: Hub:Orleans:ConnectionString is not set; give it, e.g. --Hub:Orleans:ConnectionString=\"Host=db;Database=fleetops;Username=fleetops\" (the password in PGPASSWORD or ~/.pgpass)");
            return 2;
        }
        await using var database = NpgsqlDataSource.Create(options.ConnectionString);
        var where = PostgresTarget.Describe(database);
        try
        {
            var migration = await PostgresSchema.MigrateAsync(database, TimeProvider.System, CancellationToken.None);
            await output.WriteLineAsync($"{where} (Orleans {PostgresSchema.OrleansVersion}):");
            foreach (var line in migration.Describe())
                await output.WriteLineAsync($"  {line}");
            return 0;
        }
        catch (NpgsqlException e)
        {
            await errors.WriteLineAsync($"fleetops-hub {Switch}: cannot migrate {where}: {e.Message}");
            return 1;
        }
    }
}
