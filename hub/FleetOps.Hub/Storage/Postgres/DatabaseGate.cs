using FleetOps.Hub.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FleetOps.Hub.Storage.Postgres;

/// <summary>
/// Runs before the silo starts (it is registered first): with <c>Hub:Database:Migrate=true</c> it migrates the schema
/// and logs what it did; otherwise it checks the schema version and stops the hub with what to run when the database
/// is not migrated, rather than letting Orleans fail later with "Not all required queries found".
/// </summary>
internal sealed class DatabaseGate(NpgsqlDataSource database, IOptions<DatabaseOptions> options, TimeProvider time, ILogger<DatabaseGate> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var where = PostgresTarget.Describe(database);
        try
        {
            if (options.Value.Migrate)
            {
                var migration = await PostgresSchema.MigrateAsync(database, time, cancellationToken);
                foreach (var line in migration.Describe())
                    logger.LogInformation("Migrated {Database} (Hub:Database:Migrate=true): {Step}", where, line);
                return;
            }
            var version = await PostgresSchema.ReadVersionAsync(database, cancellationToken);
            var problem = version switch
            {
                null => $"{where} has no FleetOps schema",
                < PostgresSchema.Version => $"{where} has schema version {version}, older than this hub's {PostgresSchema.Version}",
                > PostgresSchema.Version => $"{where} has schema version {version}, newer than this hub's {PostgresSchema.Version}: a newer hub migrated it; run that hub",
                _ => null,
            };
            if (problem is null)
                return;
            if (version > PostgresSchema.Version)
                throw Refuse(problem);
            throw Refuse($"{problem}: run `fleetops-hub --init-database` with the same Hub:Orleans:ConnectionString once (it is idempotent), or start the hub with Hub:Database:Migrate=true");
        }
        catch (NpgsqlException e)
        {
            throw Refuse($"cannot reach {where}: {e.Message}", e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private DatabaseSchemaException Refuse(string message, Exception? inner = null)
    {
        logger.LogCritical("The hub cannot start: {Problem}", message);
        return new DatabaseSchemaException(message, inner);
    }
}
