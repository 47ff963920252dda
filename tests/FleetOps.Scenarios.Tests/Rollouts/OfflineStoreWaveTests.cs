using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Scenarios.Tests.Rollouts;

/// <summary>Rollout scenario 4: stores that are offline when released never hold a wave, and take the revision when they return.</summary>
public sealed class OfflineStoreWaveTests
{
    [Fact]
    public async Task WavesCompleteWithoutTheirOfflineStoresWhichConvergeToTheReleasedRevisionOnReconnect()
    {
        var ids = Enumerable.Range(1, 6).Select(i => $"store-o{i}").ToList();
        var order = ReleaseOrder.Of(ids);
        // Waves of three and three: one store of the first wave and two of the second are cut off.
        string[] offline = [order[1], order[3], order[4]];
        await using var fleet = await ScenarioFleet.StartAsync(new ScenarioFleetOptions
        {
            Stores = [.. ids.Select(Stores.East)],
            FleetYaml = FleetYaml.PosEastAtOnce(),
        });
        var stable = fleet.Repository.Head;
        await fleet.WaitMembersConvergedAsync(PosEast.Group, stable, ids);
        foreach (var id in offline)
            fleet.Fleet[id].Link.Sever();
        await ScenarioFleet.EventuallyAsync(async () => (await fleet.GroupAsync(PosEast.Group)).Members.Count(m => offline.Contains(m.ClusterId) && m.Phase == Phase.Offline) == offline.Length,
            "the hub sees the three stores offline");

        var revision = await fleet.CommitAsync("POS 2.15.0 east in two waves", (FleetYaml.Path, FleetYaml.PosEastRollout("two-waves")), PosEast.Tag("2.15.0"));

        var completed = await fleet.WaitRolloutAsync(PosEast.Group, r => r.Revision == revision && r.Phase == RolloutPhase.Completed, "the rollout completes without the offline stores");
        Assert.All(offline, id => Assert.True(fleet.Fleet[id].Link.IsSevered));
        Assert.Equal([(3, 2, 1), (3, 1, 2)], completed.Waves.Select(w => (w.Released, w.Converged, w.Offline)));
        var audit = await RolloutAudit.ReadAsync(fleet, PosEast.Group, revision);
        Assert.Equal(["Started", "WaveCompleted 0", "WaveReleased 1", "Completed"], audit.Timeline);
        var members = (await fleet.GroupAsync(PosEast.Group)).Members;
        Assert.All(offline, id => Assert.Equal((Phase.Offline, revision), members.Where(m => m.ClusterId == id).Select(m => (m.Phase, m.DesiredRevision)).Single()));
        Assert.All(offline, id => Assert.Equal(PosEast.Image("2.14.0"), PosEast.ApiImage(fleet.Fleet[id])));

        foreach (var id in offline)
            fleet.Fleet[id].Link.Restore();
        await fleet.WaitMembersConvergedAsync(PosEast.Group, revision, offline);
        Assert.All(offline, id => Assert.Equal(PosEast.Image("2.15.0"), PosEast.ApiImage(fleet.Fleet[id])));
        Assert.Equal(RolloutPhase.Completed, (await fleet.RolloutAsync(PosEast.Group)).Phase);
    }
}
