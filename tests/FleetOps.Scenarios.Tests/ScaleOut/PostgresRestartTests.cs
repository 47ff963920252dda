using FleetOps.Testing.Polling;

namespace FleetOps.Scenarios.Tests.ScaleOut;

/// <summary>PostgreSQL restarted under a running hub: the hub says it is not ready, then recovers by itself.</summary>
[Collection(ScaleOutCollection.Name)]
[Trait("Category", "ScaleOut")]
public sealed class PostgresRestartTests(ScaleOutFixture fixture)
{
    private const int StoreCount = 6;

    [Fact]
    public async Task WhilePostgresRestartsTheHubIsUnreadyWithAClearLogAndAfterwardsRecoversWithoutARestartOrAnyAcknowledgedEventLost()
    {
        await using var cluster = await SiloCluster.StartAsync(fixture.Postgres, 1);
        var hub = cluster.Silos[0];
        await hub.Client.RefreshAsync(default);
        await using var fleet = await ScaleOutFleet.StartAsync(hub, cluster.Broker, StoreCount);
        await Convergence.AllConvergedAsync(hub, fleet, cluster.Repository.Head);
        await Eventually.UntilAsync(() => fleet.Stores.All(s => s.Agent.AckedSeq == s.JournaledSeq), "the first events are acknowledged");

        await cluster.Postgres.StopAsync();
        try
        {
            await Eventually.UntilAsync(async () => !await hub.Client.IsReadyAsync(default), "/readyz answers 503 while PostgreSQL is down");
            await hub.WaitForLogAsync("does not answer");
            Assert.Contains("/readyz answers 503 until it does", hub.Log);
            // The stores carry on journaling meanwhile; nothing of it can be stored, so nothing may be acknowledged.
            foreach (var store in fleet.Stores)
                store.CorrectDrift();
            await Eventually.UntilAsync(() => fleet.Stores.All(s => s.JournaledSeq > s.Agent.AckedSeq), "the stores journaled while PostgreSQL was down");
        }
        finally
        {
            await cluster.Postgres.StartAsync();
        }

        await Eventually.UntilAsync(() => hub.Client.IsReadyAsync(default), "the hub is ready again", Convergence.Limit);
        await hub.WaitForLogAsync("answers again: ready");
        Assert.True(hub.IsRunning, "the hub recovered in the same process");
        await Eventually.UntilAsync(() => fleet.Stores.All(s => s.Agent.AckedSeq == s.JournaledSeq), "every store's journal is acknowledged", Convergence.Limit);
        var stored = await cluster.StoredJournalAsync();
        Assert.All(fleet.Stores, s => Assert.Equal((s.JournaledSeq, s.JournaledSeq), stored[s.Id]));

        // And the hub works on: a new commit still reaches every store.
        cluster.Repository.WriteFromTestData("apps/pos/overlays/east/region.yaml", "scaleout/east-region-v2.yaml");
        var head = cluster.Repository.Commit("East: after the database restart");
        await hub.Client.RefreshAsync(default);
        await Convergence.AllConvergedAsync(hub, fleet, head);
    }
}
