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

        // The store moves region: its agent is reconfigured first (its own ${cluster.labels.region} follows), and says
        // so in its next hello; that is a fact the hub shows, not a move.
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

    private static string? GroupOf(Simulator.Stores.SimulatedStore store, string apiVersion, string kind, string ns, string name) =>
        store.Cluster.Get(apiVersion, kind, ns, name)?["metadata"]?["labels"]?["fleetops.io/group"]?.GetValue<string>();
}
