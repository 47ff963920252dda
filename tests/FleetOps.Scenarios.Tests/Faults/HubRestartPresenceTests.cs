using System.Diagnostics;
using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Contracts;
using Xunit.Abstractions;

namespace FleetOps.Scenarios.Tests.Faults;

/// <summary>
/// The hub goes down with its embedded broker, so no Last Will fires for a store that is cut off meanwhile. After the
/// restart the hub says what it does not know: both stores are unconfirmed, the fleet line counts them, the one that
/// reconnects is confirmed by its hello, and the one that never comes back is Offline once the grace period ends.
/// </summary>
public sealed class HubRestartPresenceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task AfterAHubRestartStoresAreUnconfirmedUntilHelloAndOneThatNeverReturnsIsOffline()
    {
        await using var fleet = await ScenarioFleet.StartAsync(new ScenarioFleetOptions
        {
            Stores = [Stores.East("store-e1"), Stores.West("store-w1")],
            HubSettings = new Dictionary<string, string?> { ["Hub:PresenceGrace"] = Grace.ToString("c") },
        });
        var head = fleet.Repository.Head;
        await fleet.WaitConvergedAsync("platform", head, "store-e1", "store-w1");

        var restarted = Stopwatch.StartNew();
        await fleet.RestartHubAsync(whileDown: () => fleet.Fleet["store-w1"].Link.Sever());

        // The hub's first answers: nothing it remembers is passed off as current.
        var first = await fleet.StatusAsync();
        var west = await fleet.ClusterAsync("store-w1");
        Assert.True(first.Clusters.Unconfirmed >= 1, $"unconfirmed right after the restart: {first.Clusters}");
        Assert.NotNull(west.Presence.UnconfirmedUntil);
        var line = await fleet.CliAsync("status");
        Assert.Contains("unconfirmed: not heard from since the hub started", line.Stdout);

        await ScenarioFleet.EventuallyAsync(async () => (await fleet.ClusterAsync("store-e1")).Presence is { State: PresenceState.Online, UnconfirmedUntil: null },
            "the store that reconnects to be confirmed by its hello");
        output.WriteLine($"hub restart to the reconnecting store confirmed: {restarted.Elapsed.TotalSeconds:F1} s");
        await ScenarioFleet.EventuallyAsync(async () => (await fleet.ClusterAsync("store-w1")).Phase == Phase.Offline,
            "the store that never returns to be offline after the grace period");
        output.WriteLine($"hub restart to the lost store offline: {restarted.Elapsed.TotalSeconds:F1} s (grace {Grace.TotalSeconds:F0} s)");
        var after = await fleet.StatusAsync();
        Assert.Equal((0, 1, 1), (after.Clusters.Unconfirmed, after.Clusters.Offline, after.Clusters.Converged));
        // What it last reported stays visible beside Offline.
        Assert.NotNull((await fleet.ClusterAsync("store-w1")).LastPhase);

        fleet.Fleet["store-w1"].Link.Restore();
        await fleet.WaitConvergedAsync("platform", head, "store-w1");
    }
}
