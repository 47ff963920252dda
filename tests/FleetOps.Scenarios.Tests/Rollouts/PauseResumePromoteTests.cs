using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Api;

namespace FleetOps.Scenarios.Tests.Rollouts;

/// <summary>Rollout scenario 5a: pause holds every release, resume goes on, promote skips a bake; each action is audited with its actor.</summary>
public sealed class PauseResumePromoteTests
{
    private const string Canary = "store-p1";
    private static readonly string[] Others = ["store-p2", "store-p3", "store-p4", "store-p5"];

    [Fact]
    public async Task PauseReleasesNothingMoreResumeGoesOnAndPromoteSkipsTheBake()
    {
        await using var fleet = await ScenarioFleet.StartAsync(new ScenarioFleetOptions
        {
            Stores = [Stores.EastCanary(Canary), .. Others.Select(Stores.East)],
            FleetYaml = FleetYaml.PosEastAtOnce(),
            RecordRequests = true,
        });
        await fleet.WaitMembersConvergedAsync(PosEast.Group, fleet.Repository.Head, [Canary, .. Others]);
        // Waves after the canary: half of the others (two), then the other two.
        var order = ReleaseOrder.Of(Others);

        var revision = await fleet.CommitAsync("POS 2.15.0 east", (FleetYaml.Path, FleetYaml.PosEastRollout("long-bake")), PosEast.Tag("2.15.0"));
        // The rollout releases its canary once every store has taken the commit; pause only after that.
        await fleet.WaitRolloutAsync(PosEast.Group, r => r.Revision == revision && r.Waves[0].Released == 1, "the rollout starts and releases its canary");
        var paused = await fleet.ActAsync(PosEast.Group, "pause", new RolloutAction("alice@ops"));
        Assert.Equal(RolloutPhase.Paused, paused.Phase);
        var refused = await fleet.RefusedAsync(PosEast.Group, "promote", new RolloutAction("mallory@ops"));
        Assert.Contains("resume it first", refused.Detail);

        // The canary, released before the pause, converges; its bake would end 4s later. The others' agents all
        // reconcile after that: a hub that released anything while paused would have told them by then.
        await fleet.WaitMembersConvergedAsync(PosEast.Group, revision, [Canary]);
        var chance = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(4 + 2);
        await ScenarioFleet.EventuallyAsync(() => Task.FromResult(Others.All(id => RequestTrail.ServedSince(fleet.Fleet[id], chance))),
            "the other stores' agents reconcile after the canary's bake would have ended");
        var held = await fleet.RolloutAsync(PosEast.Group);
        Assert.True((held.Phase, held.Wave) == (RolloutPhase.Paused, 0) && held.Waves.Select(w => w.Released).SequenceEqual([1, 0, 0]),
            $"while paused: {held.Phase} at wave {held.Wave}, released {string.Join("/", held.Waves.Select(w => w.Released))}; {await RolloutAudit.ReadAsync(fleet, PosEast.Group, revision)}");
        RequestTrail.AssertNeverReached(Others.Select(id => fleet.Fleet[id]), PosEast.Image("2.15.0"), "2.15.0 while paused");

        await fleet.ActAsync(PosEast.Group, "resume", new RolloutAction("bob@ops"));
        var baking = await fleet.WaitRolloutAsync(PosEast.Group, r => r.Wave == 1 && r.Next?.At is not null, "the first wave completes and bakes");
        Assert.True(baking.Next!.At > DateTimeOffset.UtcNow + TimeSpan.FromMinutes(9), $"the bake ends at {baking.Next.At}");
        await fleet.WaitMembersConvergedAsync(PosEast.Group, revision, order.Take(2));
        RequestTrail.AssertNeverReached(order.Skip(2).Select(id => fleet.Fleet[id]), PosEast.Image("2.15.0"), "2.15.0 before the last wave opened");

        await fleet.ActAsync(PosEast.Group, "promote", new RolloutAction("carol@ops"));
        await fleet.WaitRolloutAsync(PosEast.Group, r => r.Phase == RolloutPhase.Completed, "the promoted rollout completes");
        await fleet.WaitMembersConvergedAsync(PosEast.Group, revision, Others);

        var audit = await RolloutAudit.ReadAsync(fleet, PosEast.Group, revision);
        var (pause, resume, promote) = (audit.One(RolloutEventKinds.Paused), audit.One(RolloutEventKinds.Resumed), audit.One(RolloutEventKinds.Promoted));
        Assert.Equal(("alice@ops", "bob@ops", "carol@ops"), (pause.Actor, resume.Actor, promote.Actor));
        var lastWave = audit.One(RolloutEventKinds.WaveReleased, 2);
        Assert.Equal("carol@ops", lastWave.Actor);
        Assert.Contains("promoted", lastWave.Detail);
        Assert.True(pause.At < resume.At && resume.At <= audit.One(RolloutEventKinds.WaveReleased, 1).At && promote.At <= audit.One(RolloutEventKinds.Completed).At, audit.ToString());
        Assert.DoesNotContain(audit.Events, e => e.Actor == "mallory@ops");
    }
}
