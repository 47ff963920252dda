using System.Text;
using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Contracts;
using k8s;
using k8s.Models;

namespace FleetOps.Scenarios.Tests;

/// <summary>Scenario c: a store cut off from the broker still corrects drift, and tells the hub all of it later.</summary>
public sealed class OfflineStoreTests
{
    [Fact]
    public async Task DriftCorrectedWhileOfflineShowsInHistoryAtItsOriginalTimeWithNoGap()
    {
        await using var fleet = await ScenarioFleet.StartAsync([Stores.East("store-e1")]);
        var store = fleet.Fleet["store-e1"];
        var head = fleet.Repository.Head;
        await fleet.WaitConvergedAsync("pos-east", head, ["store-e1"]);

        store.Link.Sever();
        await ScenarioFleet.EventuallyAsync(async () => (await fleet.ClusterAsync("store-e1")).Phase == Phase.Offline, "the hub to see the store offline");

        // Someone at the store edits the POS config by hand, as another field manager.
        var cutOffAt = DateTimeOffset.UtcNow;
        using (var kube = store.Cluster.CreateClient())
        {
            var patch = new V1Patch("{\"data\":{\"currency\":\"EUR\"}}", V1Patch.PatchType.MergePatch);
            await kube.CoreV1.PatchNamespacedConfigMapAsync(patch, "pos-config", "pos", fieldManager: "store-manager");
        }
        await ScenarioFleet.EventuallyAsync(() => Task.FromResult(Currency(store) == "USD"), "the agent to restore the config while offline");
        var correctedBy = DateTimeOffset.UtcNow;
        Assert.True(store.Link.IsSevered);

        store.Link.Restore();
        await ScenarioFleet.EventuallyAsync(async () => (await fleet.HistoryAsync("store-e1")).Events.Any(e => e.Kind == JournalEventKinds.DriftCorrected),
            "the journal written offline to reach the hub");

        var history = await fleet.HistoryAsync("store-e1");
        var correction = history.Events.First(e => e.Kind == JournalEventKinds.DriftCorrected && e.At >= cutOffAt.AddSeconds(-1));
        Assert.InRange(correction.At, cutOffAt.AddSeconds(-1), correctedBy.AddSeconds(1));
        Assert.Contains("ConfigMap/pos/pos-config", correction.Detail);
        var seqs = history.Events.Select(e => e.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        var text = await fleet.CliAsync("history", "store-e1");
        Assert.Contains("DriftCorrected", text.Stdout);
    }

    private static string? Currency(Simulator.Stores.SimulatedStore store) =>
        store.Cluster.Get("v1", "ConfigMap", "pos", "pos-config")?["data"]?["currency"]?.GetValue<string>();
}
