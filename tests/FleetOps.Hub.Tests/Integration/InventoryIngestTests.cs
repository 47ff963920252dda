using FleetOps.Shared.Contracts;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>
/// An agent sends a group's inventory only when it changed: the hub keeps it through statuses that carry none (heartbeats),
/// replaces it with the next one sent, drops it when the group leaves the status, and keeps it across a hub restart.
/// </summary>
public sealed class InventoryIngestTests
{
    [Fact]
    public async Task AnInventoryIsKeptThroughStatusesWithoutOneReplacedByTheNextAndDroppedWithItsGroup()
    {
        await using var scenario = await StartAsync();
        var agent = await scenario.AddAgentAsync("store-inventory", Labels(("region", "east")));
        var desired = await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");
        var statuses = desired.Groups.Select(g => Status(g, "applied")).ToList();

        await agent.ReportStatusAsync(statuses, [Inventory("pos-east", "api"), Inventory("platform", "mqtt-bridge")]);
        await Eventually.UntilAsync(async () => (await ObjectsAsync(scenario)).Count == 2, "both inventories are held");
        await agent.ReportStatusAsync(desired.Groups.Select(g => Status(g, "heartbeat")).ToList());
        await agent.ReportStatusAsync(statuses, [Inventory("pos-east", "api", "pos-config")]);
        await Eventually.UntilAsync(async () => (await ObjectsAsync(scenario)).Single(g => g.Group == "pos-east").Objects.Count == 2, "pos-east's new inventory replaces the old");
        var afterHeartbeat = await ObjectsAsync(scenario);

        await scenario.RestartAsync();
        var afterRestart = await ObjectsAsync(scenario);
        agent = scenario.Agent("store-inventory", agent.Token);
        await agent.ConnectAsync();
        await agent.SayHelloAsync(Labels(("region", "east")));
        await agent.ReportStatusAsync(statuses.Where(s => s.Name == "pos-east").ToList());
        await Eventually.UntilAsync(async () => (await ObjectsAsync(scenario)).Count == 1, "platform's inventory goes with platform's status");

        Assert.Equal(["mqtt-bridge"], afterHeartbeat.Single(g => g.Group == "platform").Objects.Select(o => o.Name));
        Assert.Equal(["api", "pos-config"], afterRestart.Single(g => g.Group == "pos-east").Objects.Select(o => o.Name));
        Assert.Equal("pos-east", (await ObjectsAsync(scenario)).Single().Group);
    }

    private static async Task<IReadOnlyList<Shared.Api.GroupObjects>> ObjectsAsync(HubScenario scenario) =>
        (await scenario.Hub.Client.GetClusterObjectsAsync("store-inventory", null, default)).Groups;

    private static GroupStatus Status(DesiredGroup g, string message) =>
        new(g.Name, Phase.Converged, Reasons.ReconciliationSucceeded, message, g.Revision, g.Revision, new ResourceCounts(1, 1), [], DateTimeOffset.UnixEpoch);

    private static GroupInventory Inventory(string group, params string[] names) =>
        GroupInventory.Of(group, names.Select(n => new InventoryObject("ConfigMap", "pos", n, ObjectHealthState.Healthy)).ToList());
}
