using FleetOps.Shared.Contracts;
using FleetOps.Testing.Polling;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>The hub's state lives in its data dir, not in the broker or in memory.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task AfterARestartTargetsClustersPhasesAndHistoryAreBackDesiredIsRepublishedAndGenerationsOnlyGrow()
    {
        await using var scenario = await StartAsync();
        var east = await scenario.AddAgentAsync("store-restart-east", Labels(("region", "east")));
        var west = await scenario.AddAgentAsync("store-restart-west", Labels(("region", "west")));
        await east.WaitForDesiredAsync(d => d.Groups.Count == 2, "east desired");
        await west.WaitForDesiredAsync(d => d.Groups.Count == 2, "west desired");
        scenario.Repository.WriteFromTestData("apps/pos/overlays/east/region.yaml", "changes/east-region-v2.yaml");
        scenario.Repository.Commit("East: new tax rate");
        await scenario.Hub.Client.RefreshAsync(default);
        var eastDesired = await east.WaitForDesiredAsync(d => d.Generation >= 2, "east moved");
        await east.ReportAsync(Phase.Converged);
        await west.ReportAsync(Phase.Failed, Reasons.ApplyFailed, "admission webhook said no");
        await east.JournalAsync(7);
        await Eventually.UntilAsync(() => east.AckedSeq == 7, "east's journal acknowledged");
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetClusterAsync("store-restart-west", default)).Phase == Phase.Failed, "west Failed");
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetClusterAsync("store-restart-east", default)).Phase == Phase.Converged, "east Converged");
        var fleetBefore = await scenario.Hub.Client.GetFleetAsync(default);
        var eastBefore = await scenario.Hub.Client.GetClusterAsync("store-restart-east", default);

        await scenario.RestartAsync();

        var fleetAfter = await scenario.Hub.Client.GetFleetAsync(default);
        Assert.Equal(fleetBefore.Commit, fleetAfter.Commit);
        Assert.Equal(fleetBefore.Groups.Select(g => g.Target), fleetAfter.Groups.Select(g => g.Target));
        var eastAfter = await scenario.Hub.Client.GetClusterAsync("store-restart-east", default);
        Assert.Equal(eastBefore.Labels, eastAfter.Labels);
        Assert.Equal(eastBefore.Generation, eastAfter.Generation);
        Assert.Equal(7, eastAfter.AckedSeq);
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], (await scenario.Hub.Client.GetHistoryAsync("store-restart-east", null, null, null, default)).Events.Select(e => e.Seq));
        Assert.Equal(Phase.Failed, (await scenario.Hub.Client.GetClusterAsync("store-restart-west", default)).Phase);
        Assert.Equal("admission webhook said no", (await scenario.Hub.Client.GetClusterAsync("store-restart-west", default)).Groups.First().Message);
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetGroupAsync("pos-west", default)).Group.Members.Failed == 1, "group counts are rebuilt");
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetFleetAsync(default)).Clusters.Failed == 1, "fleet counts are rebuilt");

        // The embedded broker started empty: what an agent receives now was republished by the hub.
        var token = (await scenario.Hub.Client.ReplaceTokenAsync("store-restart-east", default)).Token;
        var returning = scenario.Agent(east.ClusterId, token);
        Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, await returning.ConnectAsync());
        var republished = await returning.WaitForDesiredAsync(_ => true, "the retained desired state is back");
        Assert.Equal(eastDesired.Generation, republished.Generation);
        Assert.Equal(eastDesired.Groups, republished.Groups);

        // A new target after the restart gets a higher generation than anything issued before it.
        scenario.Repository.WriteFromTestData("platform/namespace.yaml", "changes/platform-namespace-v2.yaml");
        scenario.Repository.Commit("Platform: rename namespace");
        await scenario.Hub.Client.RefreshAsync(default);
        var next = await returning.WaitForDesiredAsync(d => d.Generation > eastDesired.Generation, "a newer generation");
        Assert.Equal(eastDesired.Generation + 1, next.Generation);
    }
}
