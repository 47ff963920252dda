using FleetOps.Hub.Hosting;
using FleetOps.Hub.Storage;
using FleetOps.Hub.Storage.Postgres;
using FleetOps.Hub.Tests.Harness;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FleetOps.Hub.Tests.Integration.Postgres;

/// <summary>The scale-out journal, on a real PostgreSQL migrated by the hub's own migration.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "ScaleOut")]
public sealed class PostgresJournalStoreTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Received = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private NpgsqlDataSource database = null!;
    private PostgresJournalStore store = null!;

    public async Task InitializeAsync()
    {
        database = NpgsqlDataSource.Create(await postgres.Server.CreateDatabaseAsync());
        await PostgresSchema.MigrateAsync(database, TimeProvider.System, default);
        store = new PostgresJournalStore(database, Options.Create(new HubOptions { HistoryLimit = 5 }));
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task EventsComeBackAsSentWithTheirChangesAndTheTimeOfReceipt()
    {
        var changes = new List<ObjectChange> { new("Deployment/pos/api", "configured", [new FieldChange("spec.replicas", "2", "3")]) };
        await store.AppendAsync("store-a", [
            new JournalEvent(1, T0, JournalEventKinds.Applied, "platform", "abc123", "applied 3 objects", Changes: changes),
            new JournalEvent(2, T0.AddMinutes(1), JournalEventKinds.Applied),
        ], Received);

        var events = await store.QueryAsync("store-a", null, null, 0, 10);

        Assert.Equal([1L, 2], events.Select(e => e.Event.Seq));
        Assert.Equal(new JournalEvent(1, T0, JournalEventKinds.Applied, "platform", "abc123", "applied 3 objects", Changes: changes), events[0].Event);
        Assert.Null(events[1].Event.Group);
        Assert.Equal(Received, events[0].ReceivedAt);
        Assert.Equal(TimeSpan.Zero, events[0].Event.At.Offset);
    }

    [Fact]
    public async Task ABatchSentAgainIsStoredOnce()
    {
        JournalEvent[] batch = [new(1, T0, JournalEventKinds.Applied), new(2, T0, JournalEventKinds.Applied)];
        await store.AppendAsync("store-b", batch, Received);
        await store.AppendAsync("store-b", batch, Received.AddMinutes(5));

        var events = await store.QueryAsync("store-b", null, null, 0, 10);

        Assert.Equal([1L, 2], events.Select(e => e.Event.Seq));
        Assert.All(events, e => Assert.Equal(Received, e.ReceivedAt));
    }

    [Fact]
    public async Task ClusterQueriesHonourTimesSeqAndLimitAndLatestReadsTheNewestOldestFirst()
    {
        await store.AppendAsync("store-c", [.. Enumerable.Range(1, 5).Select(i => new JournalEvent(i, T0.AddHours(i), JournalEventKinds.Applied))], Received);

        Assert.Equal([2L, 3], (await store.QueryAsync("store-c", T0.AddHours(2), T0.AddHours(4), 0, 10)).Select(e => e.Event.Seq));
        Assert.Equal([4L, 5], (await store.QueryAsync("store-c", null, null, 3, 10)).Select(e => e.Event.Seq));
        Assert.Equal([1L, 2], (await store.QueryAsync("store-c", null, null, 0, 2)).Select(e => e.Event.Seq));
        Assert.Equal([4L, 5], (await store.LatestAsync("store-c", 2)).Select(e => e.Event.Seq));
    }

    [Fact]
    public async Task HistoryBeyondTheLimitIsTrimmedOldestFirst()
    {
        await store.AppendAsync("store-d", [.. Enumerable.Range(1, 4).Select(i => new JournalEvent(i, T0, JournalEventKinds.Applied))], Received);
        await store.AppendAsync("store-d", [.. Enumerable.Range(5, 4).Select(i => new JournalEvent(i, T0, JournalEventKinds.Applied))], Received);

        Assert.Equal([4L, 5, 6, 7, 8], (await store.QueryAsync("store-d", null, null, 0, 100)).Select(e => e.Event.Seq));
    }

    [Fact]
    public async Task TheFleetEventsQueryFiltersByKindGroupAndTimeNewestFirstAndPages()
    {
        await store.AppendAsync("store-e", [
            new JournalEvent(1, T0, JournalEventKinds.Applied, "platform"),
            new JournalEvent(2, T0.AddMinutes(2), JournalEventKinds.DriftCorrected, "platform"),
            new JournalEvent(3, T0.AddMinutes(4), JournalEventKinds.Applied, "pos-east"),
        ], Received);
        await store.AppendAsync("store-f", [new JournalEvent(1, T0.AddMinutes(2), JournalEventKinds.Applied, "platform")], Received);

        var all = await store.QueryFleetAsync(new FleetEventQuery(null, null, T0, null, 0, 10));
        var applied = await store.QueryFleetAsync(new FleetEventQuery(JournalEventKinds.Applied, null, T0, null, 0, 10));
        var platform = await store.QueryFleetAsync(new FleetEventQuery(null, "platform", T0.AddMinutes(1), T0.AddMinutes(3), 0, 10));
        var secondPage = await store.QueryFleetAsync(new FleetEventQuery(null, null, T0, null, 2, 2));

        Assert.Equal(["store-e/3", "store-e/2", "store-f/1", "store-e/1"], all.Select(Name));
        Assert.Equal(["store-e/3", "store-f/1", "store-e/1"], applied.Select(Name));
        Assert.Equal(["store-e/2", "store-f/1"], platform.Select(Name));
        Assert.Equal(["store-f/1", "store-e/1"], secondPage.Select(Name));
    }

    [Fact]
    public async Task DeletingAClusterLeavesTheOthers()
    {
        await store.AppendAsync("store-g", [new JournalEvent(1, T0, JournalEventKinds.Applied)], Received);
        await store.AppendAsync("store-h", [new JournalEvent(1, T0, JournalEventKinds.Applied)], Received);

        await store.DeleteAsync("store-g");

        Assert.Empty(await store.QueryAsync("store-g", null, null, 0, 10));
        Assert.Single(await store.QueryAsync("store-h", null, null, 0, 10));
    }

    private static string Name(ClusterEvent e) => $"{e.ClusterId}/{e.Event.Event.Seq}";
}
