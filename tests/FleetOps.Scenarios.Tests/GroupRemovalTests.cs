using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Simulator.Source;

namespace FleetOps.Scenarios.Tests;

/// <summary>
/// A group removed from fleet.yaml, end to end with a real agent: the hub learns what the group owns from the agent's
/// inventory, warns in <c>status</c> that its Namespace (and the data in it) goes while the store is cut off and has not
/// pruned yet, and <c>fleetops wait --removed</c> exits 0 once the store, back online, has pruned it.
/// </summary>
public sealed class GroupRemovalTests
{
    [Fact]
    public async Task RemovingAGroupWarnsOfItsNamespaceUntilTheStoreHasPrunedItAndWaitRemovedThenSucceeds()
    {
        await using var fleet = await ScenarioFleet.StartAsync([Stores.East("store-r1")]);
        var store = fleet.Fleet["store-r1"];
        var head = fleet.Repository.Head;
        await fleet.WaitConvergedAsync("kitchen-display", head, ["store-r1"]);
        await ScenarioFleet.EventuallyAsync(async () => (await ObjectsAsync(fleet)).Groups.SingleOrDefault()?.Objects.Any(o => o is { Kind: "Namespace", Health: ObjectHealthState.Healthy }) == true,
            "the agent's inventory of kitchen-display reaches the hub");
        var owned = (await ObjectsAsync(fleet)).Groups.Single();

        // Cut off, the store cannot hear of the removal: its Namespace is still there, and the hub says what removing it deletes.
        store.Link.Sever();
        await ScenarioFleet.EventuallyAsync(async () => (await fleet.ClusterAsync("store-r1")).Phase == Phase.Offline, "the hub to see the store offline");
        await fleet.CommitAsync(FleetYaml.Path, WithoutKitchenDisplay(), "Remove kitchen-display");
        var status = await fleet.CliAsync("status");
        var waitedOffline = await fleet.CliAsync("wait", "--group", "kitchen-display", "--removed", "--timeout", "2s", "--interval", "500ms");

        store.Link.Restore();
        var waited = await fleet.CliAsync("wait", "--group", "kitchen-display", "--removed", "--timeout", "90s", "--interval", "1s");

        Assert.Contains("Namespace/kitchen", owned.Objects.Select(o => o.Subject));
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("group 'kitchen-display' was removed from fleet.yaml; 1 store still holds its objects", status.Stdout);
        Assert.Contains("removing group 'kitchen-display' deletes 1 Namespace on 1 store, and the data in them", status.Stdout);
        Assert.True(waitedOffline.ExitCode == 4, waitedOffline.ToString());
        Assert.True(waited.ExitCode == 0, waited.ToString());
        Assert.StartsWith("removed kitchen-display: no store holds its objects any more", waited.Stdout);
        // Deleted: gone, or Terminating while the API server empties it, as a real one does.
        Assert.True(store.Cluster.Get("v1", "Namespace", null, "kitchen") is not { } left || left["metadata"]?["deletionTimestamp"] is not null,
            "the kitchen Namespace was not deleted");
        Assert.Empty((await ObjectsAsync(fleet)).Groups);
        Assert.Null((await fleet.StatusAsync()).Removals?.FirstOrDefault(r => r.Group == "kitchen-display"));
    }

    private static Task<ClusterObjects> ObjectsAsync(ScenarioFleet fleet) =>
        fleet.CliJsonAsync(ApiJsonContext.Default.ClusterObjects, "cluster", "store-r1", "--objects", "--group", "kitchen-display");

    /// <summary>The bundled fleet.yaml without the kitchen-display group (its comment line, name and fields).</summary>
    private static string WithoutKitchenDisplay()
    {
        var lines = File.ReadAllText(Path.Combine(BundledFleetConfig.Locate(), FleetYaml.Path)).ReplaceLineEndings("\n").Split('\n').ToList();
        var start = lines.IndexOf("  - name: kitchen-display");
        Assert.True(start >= 0, "the bundled fleet.yaml has no kitchen-display group");
        var end = lines.FindIndex(start + 1, l => l.Trim().Length > 0 && !l.StartsWith("    ", StringComparison.Ordinal));
        if (start > 0 && lines[start - 1].TrimStart().StartsWith('#'))
            start--;
        lines.RemoveRange(start, (end < 0 ? lines.Count : end) - start);
        return string.Join('\n', lines);
    }
}
