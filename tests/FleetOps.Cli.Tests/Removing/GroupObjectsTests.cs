using System.Text.Json;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Agents;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using static FleetOps.Cli.Tests.Harness.AgentReports;

namespace FleetOps.Cli.Tests.Removing;

/// <summary>
/// <c>fleetops cluster ID --objects [--group G]</c>: what each group owns on the store, from the inventory its agent last
/// reported (an agent sends it only when it changed), with each object's health; a big group's rest counted per kind.
/// </summary>
public sealed class GroupObjectsTests
{
    [Fact]
    public async Task ClusterObjectsListsWhatEachGroupOwnsWithItsHealthAndCountsTheRestOfABigGroupPerKind()
    {
        await using var scenario = await HubScenario.StartAsync();
        var agent = await scenario.AddAgentAsync("store-objects", HubScenario.Labels(("region", "west")));
        await ReportAsync(scenario, agent);

        var table = await Run(scenario, "cluster", "store-objects", "--objects");
        var one = await Run(scenario, "cluster", "store-objects", "--objects", "--group", "platform");
        var json = await Run(scenario, "cluster", "store-objects", "--objects", "-o", "json");

        Assert.True(table.ExitCode == ExitCodes.Ok, table.ToString());
        Harness.Golden.Match("cluster-objects.txt", table.Stdout);
        Assert.True(one.ExitCode == ExitCodes.Ok, one.ToString());
        Assert.Contains("2 objects in group platform", one.Stdout);
        Assert.DoesNotContain("pos-west", one.Stdout);
        var objects = JsonSerializer.Deserialize(json.Stdout, ApiJsonContext.Default.ClusterObjects)!;
        var west = Assert.Single(objects.Groups, g => g.Group == "pos-west");
        Assert.Equal(GroupInventory.MaxObjects + 30, west.Total);
        Assert.Equal(GroupInventory.MaxObjects, west.Objects.Count);
        Assert.Equal([new KindCount("ConfigMap", 30)], west.More);
        Assert.False(west.Leaving);
        Assert.Contains("\"health\": \"InProgress\"", json.Stdout);
    }

    [Fact]
    public async Task ObjectsOfAClusterNobodyRegisteredIsAnErrorWithAHintAndGroupWithoutObjectsIsAUsageError()
    {
        await using var scenario = await HubScenario.StartAsync(refresh: false);

        var unknown = await Run(scenario, "cluster", "store-nobody", "--objects");
        var usage = await Run(scenario, "cluster", "store-nobody", "--group", "platform");

        Assert.True(unknown.ExitCode == ExitCodes.Error, unknown.ToString());
        Assert.Contains("there is no registered cluster 'store-nobody'", unknown.Stderr);
        Assert.True(usage.ExitCode == ExitCodes.Usage, usage.ToString());
        Assert.Contains("--group goes with --objects", usage.Stderr);
    }

    /// <summary>platform: a Namespace and a Deployment still rolling out; pos-west: more objects than an inventory lists.</summary>
    private static async Task ReportAsync(HubScenario scenario, SimulatedAgent agent)
    {
        var desired = await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "has platform and pos-west");
        var platform = GroupInventory.Of("platform",
        [
            new InventoryObject("Deployment", "store-platform", "mqtt-bridge", ObjectHealthState.InProgress),
            new InventoryObject("Namespace", null, "store-platform", ObjectHealthState.Healthy),
        ]);
        var west = GroupInventory.Of("pos-west", Enumerable.Range(0, GroupInventory.MaxObjects + 30)
            .Select(i => new InventoryObject("ConfigMap", "pos", $"menu-{i:000}", ObjectHealthState.Healthy)).ToList());
        await agent.ReportStatusAsync(desired.Groups.Select(g => Converged(g, DateTimeOffset.UtcNow)).ToList(), [platform, west]);
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetClusterObjectsAsync(agent.ClusterId, null, default)).Groups.Count == 2,
            "the hub holds both inventories");
    }

    private static Task<CliResult> Run(HubScenario scenario, params string[] args) => CliRunner.RunAsync(CliRunner.Environment(scenario.Hub), args);
}
