using System.Diagnostics;
using System.Net;
using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Network;
using Xunit.Abstractions;

namespace FleetOps.Scenarios.Tests.Faults;

/// <summary>
/// A store's Kubernetes API hangs: connections are accepted and nothing comes back. The store does not retry
/// silently: the hub shows the group Failed/ApplyFailed naming the timeout, the journal says so, and the store
/// applies the revision it was waiting on once the API answers again. (The request timeout is 2 s here, 100 s by default.)
/// </summary>
public sealed class HungKubernetesApiTests(ITestOutputHelper output)
{
    private const string StoreInfo = "platform/store-info.yaml";

    [Fact]
    public async Task AHungKubernetesApiIsApplyFailedAtTheHubAndTheStoreCatchesUpWhenItAnswers()
    {
        await using var fleet = await ScenarioFleet.StartAsync(new ScenarioFleetOptions
        {
            Stores = [Stores.East("store-e1")],
            KubeRequestTimeout = TimeSpan.FromSeconds(2),
        });
        var store = fleet.Fleet["store-e1"];
        await fleet.WaitConvergedAsync("platform", fleet.Repository.Head, "store-e1");

        // The store now reaches its API through a relay the test can hang.
        var api = new Uri(store.Cluster.Server);
        await using var relay = new TcpProxy(new IPEndPoint(IPAddress.Loopback, api.Port));
        await store.StopAsync();
        File.WriteAllText(store.Kubeconfig, File.ReadAllText(store.Kubeconfig).Replace($":{api.Port}/", $":{relay.Port}/", StringComparison.Ordinal));
        await store.StartAsync();

        relay.Stall();
        var hung = Stopwatch.StartNew();
        var next = await fleet.CommitAsync(StoreInfo, fleet.Repository.Read(StoreInfo) + "  opening-hours: \"07:00-22:00\"\n", "Store info: opening hours");
        await ScenarioFleet.EventuallyAsync(async () => Platform(await fleet.ClusterAsync("store-e1")) is { Phase: Phase.Failed, Reason: Reasons.ApplyFailed },
            "the hub to show the hung API as ApplyFailed");
        output.WriteLine($"API hung to ApplyFailed at the hub: {hung.Elapsed.TotalSeconds:F1} s (request timeout 2 s)");
        var shown = Platform(await fleet.ClusterAsync("store-e1"))!;
        Assert.Contains("the Kubernetes API did not answer within 2 s", shown.Message);
        Assert.Equal(next, shown.DesiredRevision);
        await ScenarioFleet.EventuallyAsync(async () => (await fleet.HistoryAsync("store-e1")).Events.Any(e => e.Kind == JournalEventKinds.Failed && e.Detail!.Contains("did not answer")),
            "the failure to reach the hub's history");

        relay.Resume();
        var answering = Stopwatch.StartNew();
        await fleet.WaitConvergedAsync("platform", next, "store-e1");
        output.WriteLine($"API answering again to Converged at the new revision: {answering.Elapsed.TotalSeconds:F1} s (failure backoff from 2 s)");
    }

    private static ClusterGroupView? Platform(ClusterDetail detail) => detail.Groups.FirstOrDefault(g => g.Name == "platform");
}
