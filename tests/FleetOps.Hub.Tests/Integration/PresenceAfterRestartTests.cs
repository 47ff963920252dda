using FleetOps.Shared.Contracts;
using FleetOps.Testing.Polling;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>
/// A hub that stops takes its embedded broker with it, so no Last Will fires for the stores that do not come back.
/// After a start, what the hub remembers of each store's presence is unconfirmed until the store says hello; without
/// one within the grace period it is Offline. Nothing reports stale state as current.
/// </summary>
public sealed class PresenceAfterRestartTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task AfterARestartPresenceIsUnconfirmedUntilHelloAndAStoreThatNeverSaysItIsOfflineAfterTheGrace()
    {
        await using var scenario = await StartAsync(hub: o => o with { Settings = new Dictionary<string, string?> { ["Hub:PresenceGrace"] = Grace.ToString("c") } });
        var back = await scenario.AddAgentAsync("store-back", Labels(("region", "east")));
        var gone = await scenario.AddAgentAsync("store-gone", Labels(("region", "west")));
        foreach (var agent in new[] { back, gone })
        {
            await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, $"{agent.ClusterId} has its groups");
            await agent.ReportAsync(Phase.Converged);
        }
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetFleetAsync(default)).Clusters.Converged == 2, "both converged");

        await scenario.RestartAsync();

        var fleet = await scenario.Hub.Client.GetFleetAsync(default);
        Assert.Equal(2, fleet.Clusters.Unconfirmed);
        var unconfirmed = await scenario.Hub.Client.GetClusterAsync("store-gone", default);
        Assert.Equal(PresenceState.Online, unconfirmed.Presence.State);
        Assert.NotNull(unconfirmed.Presence.UnconfirmedUntil);
        Assert.Contains((await scenario.ClustersAsync(new(null, null, null, null))).Items, c => c.Id == "store-gone" && c.Unconfirmed);

        var token = (await scenario.Hub.Client.ReplaceTokenAsync("store-back", default)).Token;
        var returning = scenario.Agent("store-back", token);
        Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, await returning.ConnectAsync());
        await returning.SayHelloAsync(Labels(("region", "east")));
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetClusterAsync("store-back", default)).Presence.UnconfirmedUntil is null,
            "the store that said hello to be confirmed");
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetFleetAsync(default)).Clusters.Unconfirmed == 1, "the fleet to count one unconfirmed");

        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetClusterAsync("store-gone", default)).Phase == Phase.Offline,
            "the store that never came back to be offline after the grace period");
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetFleetAsync(default)).Clusters is { Unconfirmed: 0, Offline: 1, Converged: 1 },
            "the fleet to count the store that never came back as offline");
        Assert.Equal(Phase.Converged, (await scenario.Hub.Client.GetClusterAsync("store-gone", default)).LastPhase);
    }
}
