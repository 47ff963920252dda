using FleetOps.Cli.Client;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>What agents report, through the broker and the bridge into the cluster and group grains.</summary>
public sealed class IngestTests : IAsyncLifetime
{
    private HubScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await StartAsync();

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task StatusIsVisiblePerGroupAndRolledUpIntoTheClusterAndGroupCounts()
    {
        var agent = await scenario.AddAgentAsync("store-status", Labels(("region", "east")));
        await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");

        await agent.ReportAsync(Phase.Degraded, Reasons.HealthCheckFailed, "api not ready");

        var detail = await Eventually.ValueAsync(() => scenario.Hub.Client.GetClusterAsync("store-status", default), c => c.Phase == Phase.Degraded, "the cluster is Degraded");
        var east = detail.Groups.Single(g => g.Name == "pos-east");
        Assert.Equal(Reasons.HealthCheckFailed, east.Reason);
        Assert.Equal("api not ready", east.Message);
        Assert.Equal(east.DesiredRevision, scenario.Repository.Head);
        Assert.Equal("Deployment/pos/api", Assert.Single(east.Unhealthy).Subject);
        Assert.Equal(PresenceState.Online, detail.Presence.State);
        Assert.Equal("sim-1.0", detail.AgentVersion);
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetGroupAsync("pos-east", default)).Group.Members.Degraded == 1, "pos-east counts one Degraded member");
        Assert.Contains((await scenario.Hub.Client.GetGroupAsync("pos-east", default)).Members, m => m.ClusterId == "store-status" && m.Phase == Phase.Degraded);
        Assert.Equal(Phase.Degraded, detail.LastPhase);
        Assert.All(detail.Groups, g => Assert.Equal(g.Phase, g.LastPhase));

        await agent.ReportAsync(Phase.Converged);
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetGroupAsync("pos-east", default)).Group.Members is { Converged: 1, Degraded: 0 },
            "pos-east counts it Converged instead");
    }

    [Fact]
    public async Task JournalIsDeduplicatedBySeqPersistedAndAcknowledged()
    {
        var agent = await scenario.AddAgentAsync("store-journal", Labels(("region", "west")));
        var last = await agent.JournalAsync(5);
        await Eventually.UntilAsync(() => agent.AckedSeq == last, "the first batch is acknowledged");

        // Redelivery of events the hub already has, overlapping new ones.
        var now = DateTimeOffset.UtcNow;
        await agent.SendJournalAsync([.. Enumerable.Range(3, 6).Select(i => new JournalEvent(i, now, JournalEventKinds.Applied, "platform", null, $"event {i}"))]);
        await Eventually.UntilAsync(() => agent.AckedSeq == 8, "the overlapping batch is acknowledged up to its end");

        var history = await scenario.Hub.Client.GetHistoryAsync("store-journal", null, null, null, default);
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8], history.Events.Select(e => e.Seq));
        Assert.Equal("event 1", history.Events[0].Detail);
        var detail = await scenario.Hub.Client.GetClusterAsync("store-journal", default);
        Assert.Equal(8, detail.AckedSeq);
        Assert.Equal(8, detail.RecentEvents.Count);
    }

    [Fact]
    public async Task HistoryIsQueryableByTimeRange()
    {
        var agent = await scenario.AddAgentAsync("store-history", Labels());
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var hour = 0; hour < 4; hour++)
            await agent.JournalAsync(2, JournalEventKinds.DriftCorrected, start.AddHours(hour));
        await Eventually.UntilAsync(() => agent.AckedSeq == 8, "all events are acknowledged");

        var window = await scenario.Hub.Client.GetHistoryAsync("store-history", start.AddHours(1), start.AddHours(3), null, default);

        Assert.Equal([3L, 4, 5, 6], window.Events.Select(e => e.Seq));
        Assert.All(window.Events, e => Assert.Equal(JournalEventKinds.DriftCorrected, e.Kind));
        Assert.False(window.Truncated);
        var limited = await scenario.Hub.Client.GetHistoryAsync("store-history", null, null, 3, default);
        Assert.True(limited.Truncated);
        Assert.Equal(3, limited.Events.Count);
    }

    [Fact]
    public async Task AGroupSaysWhyEachMemberIsWhereItIsWithoutAskingTheCluster()
    {
        var agent = await scenario.AddAgentAsync("store-why", Labels(("region", "east")));
        await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");

        await agent.ReportAsync(Phase.Failed, Reasons.ApplyFailed, "Deployment/pos/api apply failed: denied");

        var member = await Eventually.ValueAsync(async () => (await scenario.Hub.Client.GetGroupAsync("pos-east", default)).Members.SingleOrDefault(m => m.ClusterId == "store-why"),
            m => m?.Phase == Phase.Failed, "pos-east lists the member Failed");
        Assert.Equal(Reasons.ApplyFailed, member!.Reason);
        Assert.Equal("Deployment/pos/api apply failed: denied", member.Message);

        await agent.ReportAsync(Phase.Converged);
        member = await Eventually.ValueAsync(async () => (await scenario.Hub.Client.GetGroupAsync("pos-east", default)).Members.SingleOrDefault(m => m.ClusterId == "store-why"),
            m => m?.Phase == Phase.Converged, "pos-east lists the member Converged");
        Assert.Equal(Reasons.ReconciliationSucceeded, member!.Reason);
        Assert.Null(member.Message);
    }

    [Fact]
    public async Task ALastWillMakesTheClusterOfflineWithItsLastPhaseAndRevisionStillVisible()
    {
        var agent = await scenario.AddAgentAsync("store-offline", Labels(("region", "east")));
        await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");
        await agent.ReportAsync(Phase.Converged);
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetClusterAsync("store-offline", default)).Phase == Phase.Converged, "Converged");

        await agent.DropAsync();

        var detail = await Eventually.ValueAsync(() => scenario.Hub.Client.GetClusterAsync("store-offline", default), c => c.Phase == Phase.Offline, "Offline after the will");
        Assert.Equal(PresenceState.Offline, detail.Presence.State);
        Assert.Equal(Phase.Converged, detail.LastPhase);
        Assert.All(detail.Groups, g => Assert.Equal(Phase.Offline, g.Phase));
        Assert.All(detail.Groups, g => Assert.Equal(Phase.Converged, g.LastPhase));
        Assert.All(detail.Groups, g => Assert.Equal(scenario.Repository.Head, g.AppliedRevision));
        Assert.All(detail.Groups, g => Assert.Equal(Reasons.ReconciliationSucceeded, g.Reason));
        Assert.NotNull(detail.LastSeen);
        // The listing learns of the change from a one-way report, a moment after the cluster itself.
        var listed = await Eventually.ValueAsync(async () => (await scenario.ClustersAsync(ClusterFilter.None with { Phase = Phase.Offline })).Items.SingleOrDefault(c => c.Id == "store-offline"),
            c => c is not null, "the listing shows it Offline");
        Assert.Equal(Phase.Converged, listed!.LastPhase);
        var member = (await scenario.Hub.Client.GetGroupAsync("pos-east", default)).Members.Single(m => m.ClusterId == "store-offline");
        Assert.Equal((Phase.Offline, scenario.Repository.Head, Reasons.ReconciliationSucceeded), (member.Phase, member.AppliedRevision, member.Reason));
    }

    [Fact]
    public async Task AnAgentHoldingAHigherGenerationGetsOneAboveIt()
    {
        var agent = await scenario.AddAgentAsync("store-jump", Labels(("region", "west")), connect: false);
        Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, await agent.ConnectAsync());
        var first = await agent.WaitForDesiredAsync(_ => true, "the retained desired arrives");

        await agent.SayHelloAsync(Labels(("region", "west")), generation: first.Generation + 41);

        var jumped = await agent.WaitForDesiredAsync(d => d.Generation > first.Generation + 41, "a generation above the agent's");
        Assert.Equal(first.Generation + 42, jumped.Generation);
        Assert.Equal(first.Groups, jumped.Groups);
    }

    [Fact]
    public async Task NewRegistryLabelsChangeMembershipAndAClusterMatchingNoGroupGetsAnEmptyList()
    {
        var agent = await scenario.AddAgentAsync("store-moves", Labels(("region", "east")));
        await agent.WaitForDesiredAsync(d => d.Groups.Any(g => g.Name == "pos-east"), "east membership");

        await scenario.Hub.Client.RelabelAsync("store-moves", new LabelRequest(Labels(("region", "west")), null, "ops"), default);
        var west = await agent.WaitForDesiredAsync(d => d.Groups.Any(g => g.Name == "pos-west"), "west membership");
        Assert.DoesNotContain(west.Groups, g => g.Name == "pos-east");
        await Eventually.UntilAsync(async () => (await scenario.ClustersAsync(ClusterFilter.None with { Group = "pos-west" })).Items.Any(c => c.Id == "store-moves"), "listed in pos-west");
        Assert.DoesNotContain((await scenario.ClustersAsync(ClusterFilter.None with { Group = "pos-east" })).Items, c => c.Id == "store-moves");

        scenario.Repository.WriteFromTestData("fleet.yaml", "changes/fleet-east-only.yaml");
        scenario.Repository.Commit("Only east remains");
        await scenario.Hub.Client.RefreshAsync(default);

        var none = await agent.WaitForDesiredAsync(d => d.Groups.Count == 0, "an empty group list, so the agent prunes");
        Assert.True(none.Generation > west.Generation);
    }

    [Fact]
    public async Task AnOnlineClusterSilentLongerThanAskedIsListedAsStale()
    {
        var agent = await scenario.AddAgentAsync("store-quiet", Labels());
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetClusterAsync("store-quiet", default)).LastSeen is not null, "seen once");

        var stale = await Eventually.ValueAsync(() => scenario.ClustersAsync(ClusterFilter.None with { StaleFor = "0s" }), p => p.Items.Any(c => c.Id == "store-quiet"), "listed as silent");
        Assert.DoesNotContain((await scenario.ClustersAsync(ClusterFilter.None with { StaleFor = "1h" })).Items, c => c.Id == "store-quiet");
        Assert.NotNull(stale);
    }

    [Fact]
    public async Task AHundredSimulatedClustersRegisterAndReportWithoutLosingAMessage()
    {
        const int count = 100;
        var agents = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            scenario.AddAgentAsync($"store-bulk-{i:D3}", Labels(("region", i % 2 == 0 ? "east" : "west")))));
        await Task.WhenAll(agents.Select(a => a.WaitForDesiredAsync(d => d.Groups.Count == 2, $"{a.ClusterId} has desired state")));

        await Task.WhenAll(agents.Select(async a =>
        {
            await a.ReportAsync(Phase.Converged);
            await a.JournalAsync(10);
            await a.JournalAsync(10);
        }));

        await Eventually.UntilAsync(() => agents.All(a => a.AckedSeq == 20), "every journal event of every cluster is acknowledged");
        var page = await Eventually.ValueAsync(() => scenario.Hub.Client.GetClustersAsync(new ClusterFilter("platform", Phase.Converged, null, null), 1, 1000, default),
            p => p.Total == count, "every cluster is Converged");
        Assert.Equal(agents.Select(a => a.ClusterId).Order(StringComparer.Ordinal), page.Items.Select(c => c.Id));
        var platform = await Eventually.ValueAsync(() => scenario.Hub.Client.GetGroupAsync("platform", default), g => g.Group.Members.Converged == count, "platform counts all");
        Assert.Equal(count, platform.Members.Count);
        foreach (var agent in agents.Take(5))
            Assert.Equal(20, (await scenario.Hub.Client.GetHistoryAsync(agent.ClusterId, null, null, null, default)).Events.Count);
    }
}
