using FleetOps.Shared.Contracts;
using FleetOps.Testing.Agents;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using static FleetOps.Cli.Tests.Harness.AgentReports;

namespace FleetOps.Cli.Tests.Removing;

/// <summary>
/// A group taken out of fleet.yaml: <c>status</c> and <c>group NAME</c> say which stores still hold it and warn, before the
/// stores prune it and while they do, when that deletes PersistentVolumeClaims or Namespaces; <c>wait --removed</c> exits 0
/// once no store holds it, 4 at once when a store's prune failed, 4 at its timeout otherwise. Each test has a hub of its
/// own: each removes pos-west.
/// </summary>
public sealed class GroupRemovalTests
{
    [Fact]
    public async Task StatusAndTheGroupViewWarnOfTheDataARemovedGroupDeletesBeforeTheStoresPruneIt()
    {
        await using var scenario = await HubScenario.StartAsync();
        var (one, two) = await TwoWestStoresAsync(scenario);
        await RemoveWestAsync(scenario);

        var status = await Run(scenario, "status");
        var group = await Run(scenario, "group", "pos-west");

        Assert.True(status.ExitCode == ExitCodes.Ok, status.ToString());
        Assert.Contains("group 'pos-west' was removed from fleet.yaml; 2 stores still hold its objects", status.Stdout);
        Assert.Contains("removing group 'pos-west' deletes 2 PersistentVolumeClaims and 1 Namespace on 2 stores, and the data in them", status.Stdout);
        Assert.True(group.ExitCode == ExitCodes.Ok, group.ToString());
        Assert.Contains("removed from fleet.yaml; 2 stores still hold its objects", group.Stdout);
        Assert.Contains(one.ClusterId, group.Stdout);
        Assert.Contains(two.ClusterId, group.Stdout);
        Assert.Contains("Waiting", group.Stdout);
    }

    [Fact]
    public async Task WaitRemovedEndsAtOnceWhenAStoreCannotPruneAndSucceedsOnceNoStoreHoldsTheGroup()
    {
        await using var scenario = await HubScenario.StartAsync();
        var (one, two) = await TwoWestStoresAsync(scenario);
        await RemoveWestAsync(scenario);

        await LeavingAsync(one, new GroupStatus("pos-west", Phase.Progressing, Reasons.Removing, "left the desired state: pruning 3 objects", null, Initial(one), new ResourceCounts(3, 0), []));
        await LeavingAsync(two, new GroupStatus("pos-west", Phase.Failed, Reasons.PruneFailed,
            "left the desired state, but 1 objects could not be pruned: PersistentVolumeClaim/pos/receipts: delete refused by a webhook", null, Initial(two), new ResourceCounts(1, 0), []));
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetGroupRemovalAsync("pos-west", default)).Stores.Any(s => s.State == Shared.Api.RemovalState.PruneFailed),
            "the hub has the failed prune");
        var failed = await Run(scenario, "wait", "--group", "pos-west", "--removed", "--timeout", "5m");

        await GoneAsync(one);
        await GoneAsync(two);
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetGroupRemovalAsync("pos-west", default)).Stores.Count == 0, "no store holds pos-west");
        var done = await Run(scenario, "wait", "--group", "pos-west", "--removed", "--timeout", "1m");

        Assert.True(failed.ExitCode == ExitCodes.WaitNotMet, failed.ToString());
        Assert.StartsWith("stopped pos-west: 2 stores still hold its objects, 1 failed to prune them", failed.Stdout);
        // The message column wraps on a 120-column screen.
        Assert.Contains("delete refused by a webhook", System.Text.RegularExpressions.Regex.Replace(failed.Stdout, @"\s+", " "));
        Assert.Contains("PruneFailed", failed.Stdout);
        Assert.True(done.ExitCode == ExitCodes.Ok, done.ToString());
        Assert.StartsWith("removed pos-west: no store holds its objects any more", done.Stdout);
    }

    [Fact]
    public async Task WaitRemovedForAGroupStillInFleetYamlGivesUpAtItsTimeoutAndForAnUnknownNameIsAnError()
    {
        await using var scenario = await HubScenario.StartAsync();

        var inFleet = await Run(scenario, "wait", "--group", "pos-west", "--removed", "--timeout", "1s", "--interval", "200ms");
        var unknown = await Run(scenario, "wait", "--group", "pos-wset", "--removed", "--timeout", "1m");

        Assert.True(inFleet.ExitCode == ExitCodes.WaitNotMet, inFleet.ToString());
        Assert.StartsWith("not removed pos-west: still in fleet.yaml", inFleet.Stdout);
        Assert.Contains("is still in fleet.yaml: commit its removal", inFleet.Stdout);
        Assert.True(unknown.ExitCode == ExitCodes.Error, unknown.ToString());
        Assert.Contains("there is no group 'pos-wset' in fleet.yaml, and none of that name was removed from it", unknown.Stderr);
    }

    /// <summary>Two west stores converged on platform and pos-west, pos-west owning a Namespace and a PersistentVolumeClaim on each (the Namespace on one).</summary>
    private static async Task<(SimulatedAgent, SimulatedAgent)> TwoWestStoresAsync(HubScenario scenario)
    {
        var one = await scenario.AddAgentAsync("store-remove-1", HubScenario.Labels(("region", "west")));
        var two = await scenario.AddAgentAsync("store-remove-2", HubScenario.Labels(("region", "west")));
        foreach (var (agent, withNamespace) in new[] { (one, true), (two, false) })
        {
            var desired = await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "has platform and pos-west");
            IReadOnlyList<InventoryObject> objects =
            [
                new("Deployment", "pos", "api", ObjectHealthState.Healthy),
                new("PersistentVolumeClaim", "pos", "receipts", ObjectHealthState.Healthy),
                .. withNamespace ? new[] { new InventoryObject("Namespace", null, "pos", ObjectHealthState.Healthy) } : [],
            ];
            await agent.ReportStatusAsync(desired.Groups.Select(g => Converged(g, DateTimeOffset.UtcNow)).ToList(), [GroupInventory.Of("pos-west", objects)]);
        }
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetClusterObjectsAsync(two.ClusterId, "pos-west", default)).Groups.Count == 1,
            "the hub holds the stores' inventories");
        return (one, two);
    }

    private static async Task RemoveWestAsync(HubScenario scenario)
    {
        scenario.Repository.WriteFromTestData("fleet.yaml", "changes/fleet-remove-west.yaml").Commit("Remove pos-west");
        await scenario.Hub.Client.RefreshAsync(default);
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetGroupRemovalAsync("pos-west", default)).Stores.Count == 2,
            "both stores are leaving pos-west");
    }

    private static string Initial(SimulatedAgent agent) => agent.DesiredReceived.First().Groups.First(g => g.Name == "pos-west").Revision;

    /// <summary>The agent's status once it has left pos-west's desired state: platform as it was, and pos-west as it is being removed.</summary>
    private static Task LeavingAsync(SimulatedAgent agent, GroupStatus west) =>
        agent.ReportStatusAsync([.. agent.LatestDesired!.Groups.Select(g => Converged(g, DateTimeOffset.UtcNow)), west]);

    private static Task GoneAsync(SimulatedAgent agent) => agent.ReportStatusAsync(agent.LatestDesired!.Groups.Select(g => Converged(g, DateTimeOffset.UtcNow)).ToList());

    private static Task<CliResult> Run(HubScenario scenario, params string[] args) => CliRunner.RunAsync(CliRunner.Environment(scenario.Hub), args);
}
