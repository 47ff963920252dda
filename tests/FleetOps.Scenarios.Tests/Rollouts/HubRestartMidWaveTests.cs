using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Api;

namespace FleetOps.Scenarios.Tests.Rollouts;

/// <summary>Rollout scenario 7: a hub restarted in the middle of a wave resumes the rollout where it was, and releases nobody early.</summary>
public sealed class HubRestartMidWaveTests
{
    [Fact]
    public async Task AHubRestartedMidWaveResumesTheRolloutAndReleasesNoStoreBeforeItsWave()
    {
        var ids = Enumerable.Range(1, 5).Select(i => $"store-r{i}").ToList();
        // One canary, then two stores, then the last two.
        var order = ReleaseOrder.Of(ids);
        string[][] waves = [[order[0]], [order[1], order[2]], [order[3], order[4]]];
        // Slow workloads, so that the hub goes down while the first wave's stores are still applying.
        await using var fleet = await ScenarioFleet.StartAsync(new ScenarioFleetOptions
        {
            Stores = [.. ids.Select(Stores.East)],
            RolloutDelay = TimeSpan.FromSeconds(2),
            FleetYaml = FleetYaml.PosEastAtOnce(),
            RecordRequests = true,
        });
        await fleet.WaitMembersConvergedAsync(PosEast.Group, fleet.Repository.Head, ids);

        var revision = await fleet.CommitAsync("POS 2.15.0 east in waves", (FleetYaml.Path, FleetYaml.PosEastRollout("canary-then-waves")), PosEast.Tag("2.15.0"));
        await fleet.WaitRolloutAsync(PosEast.Group, r => r.Revision == revision && r.Wave == 1, "the first wave after the canary opens");
        var restarting = DateTimeOffset.UtcNow;
        await fleet.RestartHubAsync();

        await fleet.WaitRolloutAsync(PosEast.Group, r => r.Revision == revision && r.Phase == RolloutPhase.Completed, "the resumed rollout completes");
        await fleet.WaitMembersConvergedAsync(PosEast.Group, revision, ids);

        // One rollout, resumed rather than started again, and the restart came while its first wave was under way.
        var audit = await RolloutAudit.ReadAsync(fleet, PosEast.Group, revision);
        Assert.Equal(["Started", "WaveCompleted 0", "WaveReleased 1", "WaveCompleted 1", "WaveReleased 2", "Completed"], audit.Timeline);
        Assert.True(audit.One(RolloutEventKinds.WaveCompleted, 1).At > restarting, $"the first wave was complete before the restart: {audit}");
        DateTimeOffset[] opened = [audit.One(RolloutEventKinds.Started).At, audit.One(RolloutEventKinds.WaveReleased, 1).At, audit.One(RolloutEventKinds.WaveReleased, 2).At];
        for (var wave = 0; wave < waves.Length; wave++)
        {
            foreach (var id in waves[wave])
            {
                var first = RequestTrail.FirstWrite(fleet.Fleet[id], PosEast.Image("2.15.0"));
                Assert.True(first >= opened[wave], $"{id} (wave {wave}) wrote 2.15.0 at {first:HH:mm:ss.fff}, before its wave opened at {opened[wave]:HH:mm:ss.fff}: {audit}");
            }
        }
        Assert.All(ids, id => Assert.Equal(PosEast.Image("2.15.0"), PosEast.ApiImage(fleet.Fleet[id])));
    }
}
