using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Scenarios.Tests;

/// <summary>Scenario a: a commit reaches every store of the groups it changes, and only those.</summary>
public sealed class CommitRollsOutTests
{
    [Fact]
    public async Task ACommitConvergesEveryStoreInTheAffectedGroupAtTheNewSha()
    {
        await using var fleet = await ScenarioFleet.StartAsync([Stores.East("store-e1"), Stores.East("store-e2"), Stores.West("store-w1")]);
        var initial = fleet.Repository.Head;
        await fleet.WaitConvergedAsync("pos-east", initial, ["store-e1", "store-e2"]);
        await fleet.WaitConvergedAsync("pos-west", initial, ["store-w1"]);

        var overlay = "apps/pos/overlays/east/kustomization.yaml";
        var bumped = await fleet.CommitAsync(overlay, fleet.Repository.Read(overlay).Replace("newTag: \"2.14.0\"", "newTag: \"2.14.1\""), "POS 2.14.1 for the east region");

        await fleet.WaitConvergedAsync("pos-east", bumped, ["store-e1", "store-e2"]);
        var group = await fleet.CliJsonAsync(ApiJsonContext.Default.GroupDetail, "group", "pos-east");
        Assert.Equal(bumped, group.Group.Target!.Commit.Sha);
        Assert.All(group.Members, m => Assert.Equal(Phase.Converged, m.Phase));
        foreach (var id in new[] { "store-e1", "store-e2" })
            Assert.EndsWith(":2.14.1", ApiImage(fleet, id));

        // The west group's rendered content did not change, so its target and its store stay where they were.
        var west = await fleet.ClusterAsync("store-w1");
        Assert.Equal(initial, west.Groups.Single(g => g.Name == "pos-west").AppliedRevision);
        Assert.EndsWith(":2.14.0", ApiImage(fleet, "store-w1"));
    }

    private static string ApiImage(ScenarioFleet fleet, string store)
    {
        var deployment = fleet.Fleet[store].Cluster.Get("apps/v1", "Deployment", "pos", "pos-api")
            ?? throw new InvalidOperationException($"{store} has no Deployment/pos/pos-api");
        return deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();
    }
}
