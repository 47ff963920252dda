using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Api;

namespace FleetOps.Scenarios.Tests.Rollouts;

/// <summary>Rollout scenario 5b: a pinned store is held at its revision while promote --all releases everyone else; unpinned, it moves on.</summary>
public sealed class PinAndPromoteAllTests
{
    private const string Canary = "store-q1";
    private const string Pinned = "store-q2";
    private static readonly string[] Others = ["store-q3", "store-q4"];

    [Fact]
    public async Task APinnedStoreStaysAtItsRevisionWhilePromoteAllReleasesEveryoneAndMovesOnWhenUnpinned()
    {
        await using var fleet = await ScenarioFleet.StartAsync(new ScenarioFleetOptions
        {
            Stores = [Stores.EastCanary(Canary), Stores.East(Pinned), .. Others.Select(Stores.East)],
            FleetYaml = FleetYaml.PosEastAtOnce(),
            RecordRequests = true,
        });
        var stable = fleet.Repository.Head;
        await fleet.WaitMembersConvergedAsync(PosEast.Group, stable, [Canary, Pinned, .. Others]);

        var revision = await fleet.CommitAsync("POS 2.15.0 east", (FleetYaml.Path, FleetYaml.PosEastRollout("long-bake")), PosEast.Tag("2.15.0"));
        await fleet.WaitRolloutAsync(PosEast.Group, r => r.Revision == revision, "the rollout starts");
        await fleet.PinAsync(Pinned, PosEast.Group, stable[..7], "dave@ops");
        await fleet.WaitRolloutAsync(PosEast.Group, r => r.Pinned == 1, "the rollout counts the pinned store out");
        await fleet.ActAsync(PosEast.Group, "promote", new RolloutAction("erin@ops", All: true));

        var completed = await fleet.WaitRolloutAsync(PosEast.Group, r => r.Phase == RolloutPhase.Completed, "promote --all completes the rollout");
        await fleet.WaitMembersConvergedAsync(PosEast.Group, revision, [Canary, .. Others]);
        Assert.Equal((1, 3), (completed.Pinned, completed.Members));
        Assert.Equal(revision, completed.StableRevision);
        var member = (await fleet.GroupAsync(PosEast.Group)).Members.Single(m => m.ClusterId == Pinned);
        Assert.Equal((stable, stable), (member.DesiredRevision, member.AppliedRevision));
        Assert.Equal(PosEast.Image("2.14.0"), PosEast.ApiImage(fleet.Fleet[Pinned]));

        var unpinnedAt = DateTimeOffset.UtcNow;
        await fleet.UnpinAsync(Pinned, PosEast.Group, "dave@ops");
        await fleet.WaitMembersConvergedAsync(PosEast.Group, revision, [Pinned]);
        Assert.True(RequestTrail.FirstWrite(fleet.Fleet[Pinned], PosEast.Image("2.15.0")) >= unpinnedAt, "the pinned store wrote 2.15.0 before it was unpinned");
        Assert.Equal(PosEast.Image("2.15.0"), PosEast.ApiImage(fleet.Fleet[Pinned]));

        var events = await fleet.AuditAsync(PosEast.Group);
        var pin = Assert.Single(events, e => e.Kind == RolloutEventKinds.Pinned);
        Assert.Equal(("dave@ops", stable), (pin.Actor, pin.Revision));
        Assert.Contains(Pinned, pin.Detail);
        var unpin = Assert.Single(events, e => e.Kind == RolloutEventKinds.Unpinned);
        Assert.Equal("dave@ops", unpin.Actor);
        Assert.Contains(Pinned, unpin.Detail);
        var promote = new RolloutAudit(events, revision).One(RolloutEventKinds.Promoted);
        Assert.Equal("erin@ops", promote.Actor);
        Assert.Contains("every member released", promote.Detail);
    }
}
