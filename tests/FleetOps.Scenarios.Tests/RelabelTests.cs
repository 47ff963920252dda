using FleetOps.Scenarios.Tests.Harness;

namespace FleetOps.Scenarios.Tests;

/// <summary>
/// Scenario e: a store whose labels change leaves one group and joins another. The registry's labels decide: the
/// store's agent saying otherwise moves nothing; the operator's <c>fleetops label</c> moves it.
/// </summary>
public sealed class RelabelTests
{
    [Fact]
    public async Task ARelabelledStorePrunesTheOldGroupAndAppliesTheNewOne()
    {
        await using var fleet = await ScenarioFleet.StartAsync([Stores.East("store-e1")]);
        var head = fleet.Repository.Head;
        await fleet.WaitConvergedAsync("pos-east", head, ["store-e1"]);
        var store = fleet.Fleet["store-e1"];
        Assert.Equal("pos-east", GroupOf(store, "apps/v1", "Deployment", "pos", "pos-api"));

        // The store moves region: its agent is reconfigured first, and says so in its next hello; that is a fact the hub
        // shows, not a move (nor does its ${cluster.labels.region} follow: the hub's labels come first there too).
        await store.RestartAsync(Stores.WestLabels);
        await ScenarioFleet.EventuallyAsync(async () => (await fleet.ClusterAsync("store-e1")).LabelInfo?.AgentLabels.GetValueOrDefault("region") == "west",
            "the hub has the agent's new labels");
        await fleet.WaitConvergedAsync("pos-east", head, ["store-e1"]);
        var stayed = await fleet.ClusterAsync("store-e1");
        Assert.Equal("east", stayed.Labels["region"]);
        Assert.Contains(stayed.Groups, g => g.Name == "pos-east");
        Assert.DoesNotContain(stayed.Groups, g => g.Name == "pos-west");

        // The operator moves it in the registry.
        var labelled = await fleet.CliAsync("label", "store-e1", "region=west");
        Assert.True(labelled.ExitCode == 0, labelled.ToString());

        await fleet.WaitConvergedAsync("pos-west", head, ["store-e1"]);
        var detail = await fleet.ClusterAsync("store-e1");
        Assert.DoesNotContain(detail.Groups, g => g.Name == "pos-east");
        Assert.Equal("west", detail.Labels["region"]);
        Assert.Equal("pos-west", GroupOf(store, "apps/v1", "Deployment", "pos", "pos-api"));
        Assert.Equal("pos-west", GroupOf(store, "v1", "ConfigMap", "pos", "pos-config"));
        var api = store.Cluster.Get("apps/v1", "Deployment", "pos", "pos-api")!;
        Assert.Equal("west", api["metadata"]!["labels"]!["fleetops.example.com/pos-ring"]!.GetValue<string>());
        var members = await fleet.CliJsonAsync(Shared.Api.ApiJsonContext.Default.GroupDetail, "group", "pos-east");
        Assert.DoesNotContain(members.Members, m => m.ClusterId == "store-e1");
    }

    [Fact]
    public async Task ARelabelAtTheHubReachesTheStoresClusterLabelVariablesAsARelease()
    {
        await using var fleet = await ScenarioFleet.StartAsync([Stores.East("store-e1")]);
        var head = fleet.Repository.Head;
        await fleet.WaitConvergedAsync("kitchen-display", head, ["store-e1"]);
        var store = fleet.Fleet["store-e1"];
        Assert.Equal("grill,fryer,assembly", Stations(store));

        // kds.yaml reads ${cluster.labels.kitchen:=grill,fryer,assembly}: the store's agent was never given a kitchen label.
        var labelled = await fleet.CliAsync("label", "store-e1", "kitchen=grill-only");
        Assert.True(labelled.ExitCode == 0, labelled.ToString());

        await ScenarioFleet.EventuallyAsync(() => Task.FromResult(Stations(store) == "grill-only"), "the store's KDS config follows the hub's label");
        var history = await fleet.HistoryAsync("store-e1");
        Assert.Contains(history.Events, e => e.Kind == "Applied" && e.Group == "kitchen-display" && e.Detail?.Contains("kds-config") == true);
        Assert.DoesNotContain(history.Events, e => e.Kind == "DriftCorrected");
        await fleet.WaitConvergedAsync("kitchen-display", head, ["store-e1"]);
    }

    private static string? Stations(Simulator.Stores.SimulatedStore store) =>
        store.Cluster.Get("v1", "ConfigMap", "kitchen", "kds-config")?["data"]?["stations"]?.GetValue<string>();

    private static string? GroupOf(Simulator.Stores.SimulatedStore store, string apiVersion, string kind, string ns, string name) =>
        store.Cluster.Get(apiVersion, kind, ns, name)?["metadata"]?["labels"]?["fleetops.io/group"]?.GetValue<string>();
}
