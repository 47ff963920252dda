using System.Diagnostics;
using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Simulator.Stores;
using FleetOps.Testing.Disks;
using Xunit.Abstractions;

namespace FleetOps.Scenarios.Tests.Faults;

/// <summary>
/// One store's data dir on a small file system that fills up. The store keeps correcting drift, the hub and the CLI
/// say why it cannot keep its records (StorageUnavailable), its journal keeps reaching the hub, and once there is
/// room again it writes everything, the outage included, and reports Converged.
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AStoreWithAFullDiskSaysSoKeepsCorrectingDriftAndRecoversWhenSpaceReturns()
    {
        await using var fleet = await ScenarioFleet.StartAsync([Stores.East("store-e1")]);
        var store = fleet.Fleet["store-e1"];
        var head = fleet.Repository.Head;
        await fleet.WaitConvergedAsync("platform", head, "store-e1");
        using var disk = await MoveOntoSmallDiskAsync(store);
        output.WriteLine(disk.IsRealFileSystem ? "data dir on a tmpfs" : "data dir behind the state file seam (mounting not permitted)");
        await fleet.WaitConvergedAsync("platform", head, "store-e1");

        disk.Fill();
        var full = Stopwatch.StartNew();
        Assert.True(store.Cluster.Delete("v1", "ConfigMap", "store-platform", "store-info"));
        await ScenarioFleet.EventuallyAsync(() => Task.FromResult(store.Cluster.Get("v1", "ConfigMap", "store-platform", "store-info") is not null),
            "the store to restore the deleted ConfigMap with its disk full");
        await ScenarioFleet.EventuallyAsync(async () => Platform(await fleet.ClusterAsync("store-e1")) is { Reason: Reasons.StorageUnavailable },
            "the hub to show why the store cannot keep its records");
        var shown = Platform(await fleet.ClusterAsync("store-e1"))!;
        Assert.Equal((Phase.Degraded, head), (shown.Phase, shown.AppliedRevision));
        Assert.Contains("No space left on device", shown.Message);
        var table = await fleet.CliAsync("cluster", "store-e1");
        Assert.Contains("StorageUnavailable", table.Stdout);
        // The journal still reaches the hub while the disk is full: the outage and the correction made during it.
        await ScenarioFleet.EventuallyAsync(async () => (await fleet.HistoryAsync("store-e1")).Events.Any(e => e.Kind == JournalEventKinds.StorageUnavailable),
            "the outage to reach the hub's history");
        output.WriteLine($"disk full to the hub showing StorageUnavailable: {full.Elapsed.TotalSeconds:F1} s");

        disk.Free();
        var freed = Stopwatch.StartNew();
        await ScenarioFleet.EventuallyAsync(async () => (await fleet.HistoryAsync("store-e1")).Events.Any(e => e.Kind == JournalEventKinds.StorageRecovered)
            && Platform(await fleet.ClusterAsync("store-e1")) is { Phase: Phase.Converged }, "the store to write its data dir again and report Converged");
        output.WriteLine($"space back to Converged and StorageRecovered at the hub: {freed.Elapsed.TotalSeconds:F1} s");

        var history = (await fleet.HistoryAsync("store-e1")).Events;
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(e => e.Seq));
        // The correction may be the very write that met the full disk (LiteDB reports it after saying it committed),
        // so it sits just before or after StorageUnavailable; either way it is kept, and before the recovery.
        var correction = Assert.Single(history, e => e.Kind == JournalEventKinds.DriftCorrected && e.Detail!.Contains("ConfigMap/store-platform/store-info"));
        Assert.True(correction.Seq < history.Single(e => e.Kind == JournalEventKinds.StorageRecovered).Seq);
        Assert.Single(history, e => e.Kind == JournalEventKinds.StorageUnavailable);
    }

    private static ClusterGroupView? Platform(ClusterDetail detail) => detail.Groups.FirstOrDefault(g => g.Name == "platform");

    // Restarts the store with its data dir on a small disk of its own, carrying over what it had written.
    private static async Task<SmallDisk> MoveOntoSmallDiskAsync(SimulatedStore store)
    {
        await store.StopAsync();
        var before = store.AgentDataDir + "-before";
        Directory.Move(store.AgentDataDir, before);
        var disk = SmallDisk.Create(store.AgentDataDir, bytes: 32 * 1024 * 1024);
        Copy(before, store.AgentDataDir);
        store.ConfigureAgent = disk.ConfigureAgent;
        await store.StartAsync();
        return disk;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.EnumerateDirectories(from))
            Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
    }
}
