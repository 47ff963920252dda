using FleetOps.Hub.Tests.Harness;
using FleetOps.Shared.Contracts;
using static FleetOps.Hub.Tests.Harness.HubScenario;

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
        await DesiredAsync(east, d => d.Groups.Count == 2, "east desired");
        await DesiredAsync(west, d => d.Groups.Count == 2, "west desired");
        scenario.Repository.WriteFromTestdata("apps/pos/overlays/east/region.yaml", "changes/east-region-v2.yaml");
        scenario.Repository.Commit("East: new tax rate");
        await scenario.Hub.Api.RefreshAsync();
        var eastDesired = await DesiredAsync(east, d => d.Generation >= 2, "east moved");
        await east.ReportAsync(Phase.Converged);
        await west.ReportAsync(Phase.Failed, Reasons.ApplyFailed, "admission webhook said no");
        await east.JournalAsync(7);
        await Eventually.UntilAsync(() => east.AckedSeq == 7, "east's journal acknowledged");
        await Eventually.UntilAsync(async () => (await scenario.Hub.Api.ClusterAsync("store-restart-west"))!.Phase == Phase.Failed, "west Failed");
        await Eventually.UntilAsync(async () => (await scenario.Hub.Api.ClusterAsync("store-restart-east"))!.Phase == Phase.Converged, "east Converged");
        var fleetBefore = await scenario.Hub.Api.FleetAsync();
        var eastBefore = await scenario.Hub.Api.ClusterAsync("store-restart-east");

        await scenario.RestartAsync();

        var fleetAfter = await scenario.Hub.Api.FleetAsync();
        Assert.Equal(fleetBefore.Commit, fleetAfter.Commit);
        Assert.Equal(fleetBefore.Groups.Select(g => g.Target), fleetAfter.Groups.Select(g => g.Target));
        var eastAfter = await scenario.Hub.Api.ClusterAsync("store-restart-east");
        Assert.Equal(eastBefore!.Labels, eastAfter!.Labels);
        Assert.Equal(eastBefore.Generation, eastAfter.Generation);
        Assert.Equal(7, eastAfter.AckedSeq);
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], (await scenario.Hub.Api.HistoryAsync("store-restart-east")).Events.Select(e => e.Seq));
        Assert.Equal(Phase.Failed, (await scenario.Hub.Api.ClusterAsync("store-restart-west"))!.Phase);
        Assert.Equal("admission webhook said no", (await scenario.Hub.Api.ClusterAsync("store-restart-west"))!.Groups.First().Message);
        await Eventually.UntilAsync(async () => (await scenario.Hub.Api.GroupAsync("pos-west")).Group.Members.Failed == 1, "group counts are rebuilt");
        await Eventually.UntilAsync(async () => (await scenario.Hub.Api.FleetAsync()).Clusters.Failed == 1, "fleet counts are rebuilt");

        // The embedded broker started empty: what an agent receives now was republished by the hub.
        var registration = await scenario.Hub.Api.Http.PostAsync("/api/v1/clusters/store-restart-east/token", null);
        registration.EnsureSuccessStatusCode();
        var token = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync(registration.Content,
            FleetOps.Shared.Api.ApiJsonContext.Default.RegisterClusterResponse))!.Token;
        var returning = scenario.Reconnecting(east, token);
        Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, await returning.ConnectAsync());
        var republished = await DesiredAsync(returning, _ => true, "the retained desired state is back");
        Assert.Equal(eastDesired.Generation, republished.Generation);
        Assert.Equal(eastDesired.Groups, republished.Groups);

        // A new target after the restart gets a higher generation than anything issued before it.
        scenario.Repository.WriteFromTestdata("platform/namespace.yaml", "changes/platform-namespace-v2.yaml");
        scenario.Repository.Commit("Platform: rename namespace");
        await scenario.Hub.Api.RefreshAsync();
        var next = await DesiredAsync(returning, d => d.Generation > eastDesired.Generation, "a newer generation");
        Assert.Equal(eastDesired.Generation + 1, next.Generation);
    }
}
