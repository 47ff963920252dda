using FleetOps.Hub.Hosting;
using FleetOps.Hub.Storage.Postgres;
using FleetOps.Hub.Tests.Harness;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace FleetOps.Hub.Tests.Integration.Postgres;

/// <summary>Our migration of the PostgreSQL schema, against a real server: what it makes, and that it is idempotent.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "ScaleOut")]
public sealed class SchemaMigrationTests(PostgresFixture postgres)
{
    private static readonly string[] OrleansQueries =
    [
        "CleanupDefunctSiloEntriesKey", "ClearStorageKey", "DeleteMembershipTableEntriesKey", "DeleteStorageKey", "GatewaysQueryKey",
        "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "ReadFromStorageKey",
        "UpdateIAmAlivetimeKey", "UpdateMembershipKey", "WriteToStorageKey",
    ];

    [Fact]
    public async Task InitDatabaseMakesEverySchemaObjectAndEveryOrleansQueryAndASecondRunChangesNothing()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();

        var (first, firstOutput, _) = await InitDatabaseAsync(connectionString);
        var (second, secondOutput, _) = await InitDatabaseAsync(connectionString);

        Assert.Equal(0, first);
        Assert.Contains("schema version: none -> 1", firstOutput);
        Assert.Contains("created tables: orleansquery, fleetops_schema, orleans_membership_version, orleans_membership, orleans_grain_state, fleetops_journal", firstOutput);
        Assert.Contains($"added Orleans queries: {string.Join(", ", OrleansQueries)}", firstOutput);
        Assert.Equal(0, second);
        Assert.Contains("schema version: 1 (current)", secondOutput);
        Assert.Contains("nothing to change", secondOutput);
        Assert.DoesNotContain("created", secondOutput);
        await using var database = NpgsqlDataSource.Create(connectionString);
        Assert.Equal(PostgresSchema.Version, await PostgresSchema.ReadVersionAsync(database, default));
    }

    [Fact]
    public async Task AQueryChangedByHandIsPutBackAndNamed()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await InitDatabaseAsync(connectionString);
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using (var tamper = database.CreateCommand("UPDATE OrleansQuery SET QueryText = 'SELECT 1' WHERE QueryKey = 'GatewaysQueryKey'"))
            await tamper.ExecuteNonQueryAsync();

        var migration = await PostgresSchema.MigrateAsync(database, TimeProvider.System, default);

        Assert.Equal(["GatewaysQueryKey"], migration.ChangedQueries);
        Assert.Empty(migration.CreatedTables);
        await using var read = database.CreateCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'GatewaysQueryKey'");
        Assert.Contains("proxy_port > 0", (string)(await read.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task TwoSilosMigratingTheSameDatabaseAtOnceBothSucceed()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var database = NpgsqlDataSource.Create(connectionString);

        var both = await Task.WhenAll(
            Task.Run(() => PostgresSchema.MigrateAsync(database, TimeProvider.System, default)),
            Task.Run(() => PostgresSchema.MigrateAsync(database, TimeProvider.System, default)));

        // The advisory lock serialises them: one made the schema, the other found it made.
        Assert.Single(both, m => m.VersionBefore is null);
        Assert.Single(both, m => m.VersionBefore == PostgresSchema.Version && !m.ChangedAnything);
    }

    [Fact]
    public async Task InitDatabaseWithoutAConnectionStringSaysWhatToGive()
    {
        var (exit, _, errors) = await InitDatabaseAsync(null);

        Assert.Equal(2, exit);
        Assert.Contains("Hub:Orleans:ConnectionString is not set", errors);
    }

    private static async Task<(int Exit, string Output, string Errors)> InitDatabaseAsync(string? connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Hub:Orleans:ConnectionString"] = connectionString })
            .Build();
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await InitDatabaseCommand.RunAsync(configuration, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }
}
