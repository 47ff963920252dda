using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Scenarios.Tests.Rollouts;

/// <summary>Rollout scenario 1: a canary that never becomes ready halts the rollout, and no other store ever sees the revision.</summary>
public sealed class CanaryHaltTests
{
    private const string Canary = "store-h1";
    private static readonly string[] Others = ["store-h2", "store-h3", "store-h4"];

    [Fact]
    public async Task ACanaryThatNeverBecomesReadyHaltsTheRolloutAndNoOtherStoreEverReceivesTheRevision()
    {
        await using var fleet = await ScenarioFleet.StartAsync(new ScenarioFleetOptions
        {
            Stores = [Stores.EastCanary(Canary), .. Others.Select(Stores.East)],
            HealthTimeout = TimeSpan.FromSeconds(3),
            FleetYaml = FleetYaml.PosEastAtOnce(),
            RecordRequests = true,
        });
        var stable = fleet.Repository.Head;
        await fleet.WaitMembersConvergedAsync(PosEast.Group, stable, [Canary, .. Others]);

        var bad = await fleet.CommitAsync("POS 2.15.0 east, canary first (its API never becomes ready)",
            (FleetYaml.Path, FleetYaml.PosEastRollout("canary-halts")), PosEast.Tag("2.15.0"), PosEast.Readiness("true"));

        var halted = await fleet.WaitRolloutAsync(PosEast.Group, r => r.Revision == bad && r.Phase == RolloutPhase.Halted, "the rollout halts");
        var failing = Assert.Single(halted.Failing);
        Assert.Equal((Canary, Phase.Degraded, Reasons.HealthCheckFailed), (failing.ClusterId, failing.Phase, failing.Reason));
        Assert.Equal(new RolloutBudget(0, 1), halted.Budget);
        Assert.Equal((0, 1, 0), (halted.Wave, halted.Waves[0].Released, halted.Waves[1].Released));
        var halt = Assert.Single(await fleet.AuditAsync(PosEast.Group), e => e.Kind == RolloutEventKinds.Halted && e.Revision == bad);
        Assert.Equal(0, halt.Wave);
        Assert.Contains(Canary, halt.Detail);
        Assert.Equal(PosEast.Image("2.15.0"), PosEast.ApiImage(fleet.Fleet[Canary]));

        // A hub that let the revision through would have done so by the end of the canary's bake; every other
        // store's agent has talked to its cluster since then, so it would have applied anything it was told.
        var chance = halt.At + TimeSpan.FromSeconds(2 + 2);
        await ScenarioFleet.EventuallyAsync(() => Task.FromResult(Others.All(id => RequestTrail.ServedSince(fleet.Fleet[id], chance))),
            "every other store's agent reconciles after the canary's bake would have ended");

        Assert.Equal(RolloutPhase.Halted, (await fleet.RolloutAsync(PosEast.Group)).Phase);
        var members = (await fleet.GroupAsync(PosEast.Group)).Members;
        Assert.All(Others, id => Assert.Equal(stable, members.Single(m => m.ClusterId == id).DesiredRevision));
        var others = Others.Select(id => fleet.Fleet[id]).ToList();
        RequestTrail.AssertNeverReached(others, PosEast.Image("2.15.0"), "the halted revision's image");
        RequestTrail.AssertNeverReached(others, PosEast.NeverReadyMarker, "the halted revision's never-ready annotation");
        Assert.All(others, store => Assert.Equal(PosEast.Image("2.14.0"), PosEast.ApiImage(store)));
    }
}
