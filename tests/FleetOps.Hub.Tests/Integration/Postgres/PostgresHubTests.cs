using FleetOps.Hub.Storage.Postgres;
using FleetOps.Hub.Tests.Harness;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Polling;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration.Postgres;

/// <summary>A hub with its membership, grain state and journal in a real PostgreSQL (Hub:Orleans AdoNet).</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "ScaleOut")]
public sealed class PostgresHubTests(PostgresFixture postgres)
{
    [Fact]
    public async Task AHubOnAnUnmigratedDatabaseRefusesToStartAndNamesInitDatabase()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();

        var refusal = await Assert.ThrowsAsync<DatabaseSchemaException>(() => StartAsync(hub: o => o with { Settings = AdoNet(connectionString, migrate: false) }));

        Assert.Contains("has no FleetOps schema", refusal.Message);
        Assert.Contains("fleetops-hub --init-database", refusal.Message);
        Assert.Contains("Hub:Database:Migrate=true", refusal.Message);
    }

    [Fact]
    public async Task WithMigrateAtStartStateAndHistoryLiveInPostgresAndSurviveARestart()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var scenario = await StartAsync(hub: o => o with { Settings = AdoNet(connectionString, migrate: true) });
        var east = await scenario.AddAgentAsync("store-pg-east", Labels(("region", "east")));
        var desired = await east.WaitForDesiredAsync(d => d.Groups.Count == 2, "east desired");
        await east.ReportAsync(Phase.Converged);
        await east.JournalAsync(5);
        await Eventually.UntilAsync(() => east.AckedSeq == 5, "east's journal acknowledged");
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetClusterAsync("store-pg-east", default)).Phase == Phase.Converged, "east Converged");
        var before = await scenario.Hub.Client.GetClusterAsync("store-pg-east", default);

        // A new data dir: everything the hub knows must come back from PostgreSQL, not from LiteDB.
        await scenario.RestartAsync(whileStopped: () => Directory.Delete(scenario.DataDir, recursive: true));

        var after = await scenario.Hub.Client.GetClusterAsync("store-pg-east", default);
        Assert.Equal(before.Generation, after.Generation);
        Assert.Equal(5, after.AckedSeq);
        Assert.Equal(before.Labels, after.Labels);
        Assert.Equal([1L, 2, 3, 4, 5], (await scenario.Hub.Client.GetHistoryAsync("store-pg-east", null, null, null, default)).Events.Select(e => e.Seq));
        var events = await scenario.Hub.Client.GetEventsAsync(JournalEventKinds.Applied, null, DateTimeOffset.UtcNow.AddHours(-1), null, 1, 50, default);
        Assert.Equal(5, events.Events.Count(e => e.ClusterId == "store-pg-east"));
        Assert.Equal(desired.Generation, after.Generation);
    }

    private static Dictionary<string, string?> AdoNet(string connectionString, bool migrate) => new()
    {
        ["Hub:Orleans:Clustering"] = "AdoNet",
        ["Hub:Orleans:Storage"] = "AdoNet",
        ["Hub:Orleans:ConnectionString"] = connectionString,
        ["Hub:Orleans:ClusterId"] = $"test-{Guid.NewGuid():N}",
        ["Hub:Orleans:AdvertisedAddress"] = "127.0.0.1",
        ["Hub:Database:Migrate"] = migrate ? "true" : "false",
    };
}
