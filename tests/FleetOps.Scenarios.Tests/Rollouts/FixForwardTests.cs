using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Api;

namespace FleetOps.Scenarios.Tests.Rollouts;

/// <summary>Rollout scenario 8: a fix committed while a rollout is halted supersedes it and starts again from the canaries.</summary>
public sealed class FixForwardTests
{
    private const string Canary = "store-f1";
    private static readonly string[] Others = ["store-f2", "store-f3"];

    [Fact]
    public async Task AFixCommittedDuringAHaltGoesToTheCanariesFirst()
    {
        await using var fleet = await ScenarioFleet.StartAsync(new ScenarioFleetOptions
        {
            Stores = [Stores.EastCanary(Canary), .. Others.Select(Stores.East)],
            HealthTimeout = TimeSpan.FromSeconds(3),
            FleetYaml = FleetYaml.PosEastAtOnce(),
            RecordRequests = true,
        });
        await fleet.WaitMembersConvergedAsync(PosEast.Group, fleet.Repository.Head, [Canary, .. Others]);
        var bad = await fleet.CommitAsync("POS 2.15.0 east (its API never becomes ready)",
            (FleetYaml.Path, FleetYaml.PosEastRollout("canary-halts")), PosEast.Tag("2.15.0"), PosEast.Readiness("true"));
        await fleet.WaitRolloutAsync(PosEast.Group, r => r.Revision == bad && r.Phase == RolloutPhase.Halted, "the bad revision halts at the canary");

        var fix = await fleet.CommitAsync("POS 2.15.1 east: the API becomes ready again", PosEast.Tag("2.15.1"), PosEast.Readiness(null));

        await fleet.WaitRolloutAsync(PosEast.Group, r => r.Revision == fix && r.Phase == RolloutPhase.Completed, "the fix rolls out");
        await fleet.WaitMembersConvergedAsync(PosEast.Group, fix, [Canary, .. Others]);
        var events = await fleet.AuditAsync(PosEast.Group);
        var superseded = Assert.Single(events, e => e.Kind == RolloutEventKinds.Superseded);
        var started = Assert.Single(events, e => e.Kind == RolloutEventKinds.Started && e.Revision == fix);
        Assert.Equal(bad, superseded.Revision);
        Assert.Contains(fix[..7], superseded.Detail);
        Assert.True(events.ToList().IndexOf(superseded) < events.ToList().IndexOf(started), string.Join(" | ", events.Select(e => $"{e.Kind} {e.Revision?[..7]}")));

        // The fix went to the canary first; the others got it only once the canary wave was done and baked.
        var audit = new RolloutAudit(events, fix);
        Assert.Equal(["Started", "WaveCompleted 0", "WaveReleased 1", "Completed"], audit.Timeline);
        var canaryFirst = RequestTrail.FirstWrite(fleet.Fleet[Canary], PosEast.Image("2.15.1"));
        Assert.True(canaryFirst >= started.At, $"the canary wrote 2.15.1 at {canaryFirst:HH:mm:ss.fff}, before the fix's rollout started");
        var opened = audit.One(RolloutEventKinds.WaveReleased, 1).At;
        foreach (var id in Others)
        {
            var first = RequestTrail.FirstWrite(fleet.Fleet[id], PosEast.Image("2.15.1"));
            Assert.True(first >= opened && first > canaryFirst, $"{id} wrote 2.15.1 at {first:HH:mm:ss.fff}; the canary at {canaryFirst:HH:mm:ss.fff}, the next wave opened at {opened:HH:mm:ss.fff}");
        }
        RequestTrail.AssertNeverReached(Others.Select(id => fleet.Fleet[id]), PosEast.Image("2.15.0"), "the halted revision");
        RequestTrail.AssertNeverReached(Others.Select(id => fleet.Fleet[id]), PosEast.NeverReadyMarker, "the halted revision's never-ready annotation");
    }
}
