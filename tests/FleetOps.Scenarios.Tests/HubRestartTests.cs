using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Contracts;

namespace FleetOps.Scenarios.Tests;

/// <summary>Scenario d: the hub restarting mid-rollout neither stalls the rollout nor sends a store backwards.</summary>
public sealed class HubRestartTests
{
    private static readonly string[] East = ["store-e1", "store-e2", "store-e3"];

    [Fact]
    public async Task AHubRestartedMidRolloutCompletesItAndNoStoreGoesBack()
    {
        // Slow rollouts, so the hub goes down while stores are still progressing.
        await using var fleet = await ScenarioFleet.StartAsync([.. East.Select(Stores.East)], rolloutDelay: TimeSpan.FromSeconds(3));
        var initial = fleet.Repository.Head;
        await fleet.WaitConvergedAsync("pos-east", initial, East);
        var generations = new Dictionary<string, long>();
        foreach (var id in East)
            generations[id] = (await fleet.ClusterAsync(id)).Generation;

        var overlay = "apps/pos/overlays/east/kustomization.yaml";
        var bumped = await fleet.CommitAsync(overlay, fleet.Repository.Read(overlay).Replace("newTag: \"2.14.0\"", "newTag: \"2.15.0\""), "POS 2.15.0 east");
        await ScenarioFleet.EventuallyAsync(async () => (await fleet.ClusterAsync("store-e1")).Groups.Any(g => g.Name == "pos-east" && g.DesiredRevision == bumped),
            "the rollout to start");
        await fleet.RestartHubAsync();

        await fleet.WaitConvergedAsync("pos-east", bumped, East);
        foreach (var id in East)
        {
            var detail = await fleet.ClusterAsync(id);
            Assert.True(detail.Generation > generations[id], $"{id}: generation {detail.Generation} did not grow past {generations[id]}");
            AssertNeverWentBack(id, (await fleet.HistoryAsync(id)).Events.Where(e => e.Group == "pos-east").Select(e => (e.Kind, e.Revision)).ToList(), initial, bumped);
            Assert.EndsWith(":2.15.0", fleet.Fleet[id].Cluster.Get("apps/v1", "Deployment", "pos", "pos-api")!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        }
    }

    // Once a store applied the new revision, nothing it journaled afterwards names the old one.
    private static void AssertNeverWentBack(string id, IReadOnlyList<(string Kind, string? Revision)> events, string initial, string bumped)
    {
        var firstNew = events.ToList().FindIndex(e => e.Revision == bumped);
        Assert.True(firstNew >= 0, $"{id} journaled nothing at {Revisions.Short(bumped)}");
        var backwards = events.Skip(firstNew).Where(e => e.Revision == initial && e.Kind is JournalEventKinds.Applied or JournalEventKinds.TargetReceived or JournalEventKinds.Converged).ToList();
        Assert.True(backwards.Count == 0, $"{id} went back to {Revisions.Short(initial)}: {string.Join(", ", backwards)}");
    }
}
