using System.Diagnostics;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Api;
using Xunit.Abstractions;

namespace FleetOps.Scenarios.Tests.Faults;

/// <summary>
/// Stale means what it says: idle stores, which have nothing to report, keep saying they are alive and are never
/// shown stale; a store whose link hangs (connection open, nothing gets through) is, within the stale limit.
/// Time is scaled down: a 2 s heartbeat against a 6 s stale limit, as 5 min against 15 min in production.
/// </summary>
public sealed class IdleIsNotHungTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task IdleStoresAreNeverStaleAndAHungLinkIsStaleWithinTheLimit()
    {
        await using var fleet = await ScenarioFleet.StartAsync(new ScenarioFleetOptions
        {
            Stores = [Stores.East("store-e1"), Stores.West("store-w1")],
            HubSettings = new Dictionary<string, string?> { ["Hub:StaleAfter"] = StaleAfter.ToString("c") },
            Link = LinkOptions.Default with { MinReconnectDelay = TimeSpan.FromMilliseconds(200), MaxReconnectDelay = TimeSpan.FromSeconds(3), Heartbeat = Heartbeat },
        });
        var head = fleet.Repository.Head;
        await fleet.WaitConvergedAsync("platform", head, "store-e1", "store-w1");

        // Idle for three stale limits: nobody is ever stale, and the only uplink is the heartbeat.
        var idle = TimeSpan.FromTicks(StaleAfter.Ticks * 3);
        var link = fleet.Fleet["store-e1"].Link;
        var bytesBefore = link.BytesUp;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < idle)
        {
            var page = await fleet.CliJsonAsync(ApiJsonContext.Default.ClusterPage, "clusters");
            Assert.DoesNotContain(page.Items, c => c.Stale);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
        var perSecond = (link.BytesUp - bytesBefore) / watch.Elapsed.TotalSeconds;
        var perHeartbeat = perSecond * Heartbeat.TotalSeconds;
        output.WriteLine($"idle uplink of one store: {perHeartbeat:F0} bytes per heartbeat on the wire (MQTT framing included); " +
            $"at the default 5 min heartbeat {perHeartbeat * 12:F0} bytes/hour = {perHeartbeat * 12 * 8 / 3600 / 1000:F3} kbit/s");

        // A hung link: the connection stays up as far as the broker knows, but nothing gets through.
        var hung = fleet.Fleet["store-w1"].Link;
        hung.Stall();
        var stalled = Stopwatch.StartNew();
        try
        {
            await ScenarioFleet.EventuallyAsync(async () => (await fleet.ClusterAsync("store-w1")).Stale, "the hung store to be shown stale");
            output.WriteLine($"link hung to stale: {stalled.Elapsed.TotalSeconds:F1} s (stale limit {StaleAfter.TotalSeconds:F0} s)");
            Assert.False((await fleet.ClusterAsync("store-e1")).Stale);
            var text = await fleet.CliAsync("cluster", "store-w1");
            Assert.Contains("the agent or its link may be hung", text.Stdout);
        }
        finally
        {
            hung.Resume();
        }
        await ScenarioFleet.EventuallyAsync(async () => !(await fleet.ClusterAsync("store-w1")).Stale, "the store to be fresh once its link moves again");
    }
}
