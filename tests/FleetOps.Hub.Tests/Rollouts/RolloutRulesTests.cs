using FleetOps.Hub.Rollouts;
using FleetOps.Shared.Api;
using FleetOps.Shared.Fleet;
using FleetOps.Shared.Selectors;

namespace FleetOps.Hub.Tests.Rollouts;

/// <summary>How a rollout moves, decided without a silo: waves, bake, maxConcurrent, budget, canaries, offline and windows.</summary>
public sealed class RolloutRulesTests
{
    [Fact]
    public void WavesReleaseTheirShareInReleaseOrderAndTheNextOpensOnceTheLastConverged()
    {
        var r = new RolloutFixture(new RolloutPolicy { Waves = [50, 100] }, members: 4);

        var first = r.Step();
        Assert.Equal(2, first.Releases.Count);
        Assert.Equal(first.Releases.Select(x => x.ClusterId), first.Releases.OrderBy(x => RolloutOrder.Of(x.ClusterId)).Select(x => x.ClusterId));
        Assert.Empty(r.Step().Releases);

        foreach (var (id, _) in first.Releases)
            r.Converge(id);
        var second = r.Step();
        Assert.Equal(2, second.Releases.Count);
        Assert.Equal(1, r.Record.Wave);
        Assert.All(second.Releases, x => Assert.DoesNotContain(x.ClusterId, first.Releases.Select(f => f.ClusterId)));

        foreach (var (id, _) in second.Releases)
            r.Converge(id);
        var last = r.Step();
        Assert.True(last.Completed);
        Assert.Equal(RolloutPhase.Completed, r.Record.Phase);
    }

    [Fact]
    public void MaxConcurrentIsNeverExceededAndAFreedSlotReleasesTheNext()
    {
        var r = new RolloutFixture(new RolloutPolicy { MaxConcurrent = Amount.OfCount(2) }, members: 5);

        var released = r.Step().Releases.Select(x => x.ClusterId).ToList();
        Assert.Equal(2, released.Count);
        Assert.Equal(2, r.Book.Holding);
        Assert.Empty(r.Step().Releases);

        r.Converge(released[0]);
        var next = Assert.Single(r.Step().Releases);
        Assert.DoesNotContain(next.ClusterId, released);
        Assert.Equal(2, r.Book.Holding);
    }

    [Fact]
    public void BakeHoldsTheNextWaveUntilItHasPassed()
    {
        var r = new RolloutFixture(new RolloutPolicy { Waves = [50, 100], Bake = TimeSpan.FromMinutes(10) }, members: 2);
        var first = Assert.Single(r.Step().Releases);
        r.Converge(first.ClusterId);

        var completed = r.Step();
        Assert.Contains(completed.Events, e => e.Kind == RolloutEventKinds.WaveCompleted);
        Assert.Equal(RolloutFixture.Start + TimeSpan.FromMinutes(10), RolloutRules.BakeEnds(r.Record, r.Book));

        r.Now = RolloutFixture.Start + TimeSpan.FromMinutes(9);
        Assert.Empty(r.Step().Releases);
        r.Now = RolloutFixture.Start + TimeSpan.FromMinutes(10);
        Assert.Single(r.Step().Releases);
        Assert.Equal(1, r.Record.Wave);
    }

    [Fact]
    public void OfflineMembersAreReleasedButNeverHoldAWaveOrTakeASlot()
    {
        var r = new RolloutFixture(new RolloutPolicy { Waves = [50, 100], MaxConcurrent = Amount.OfCount(1) }, members: 6);
        foreach (var id in r.Ids.OrderBy(RolloutOrder.Of).Take(2))
            r.Offline(id);

        var released = r.Step().Releases.Select(x => x.ClusterId).ToList();

        // The two offline stores come first in the order and take no slot, so the first online one goes with them.
        Assert.Equal(3, released.Count);
        Assert.Equal(1, r.Book.Holding);
    }

    [Fact]
    public void MembersOutsideTheirWindowHoldTheWaveUntilTheyApply()
    {
        var r = new RolloutFixture(new RolloutPolicy { Waves = [50, 100] }, members: 2);
        var first = Assert.Single(r.Step().Releases).ClusterId;
        r.OutsideWindow(first);

        Assert.Empty(r.Step().Releases);
        Assert.Equal([first], r.Standing(MemberStanding.OutsideWindow));

        r.Converge(first);
        Assert.Single(r.Step().Releases);
    }

    [Fact]
    public void TheSecondFailureOverABudgetOfOneHaltsTheRolloutAndNamesTheFailingMembers()
    {
        var r = new RolloutFixture(new RolloutPolicy { FailureBudget = Amount.OfCount(1) }, members: 4);
        var released = r.Step().Releases.Select(x => x.ClusterId).ToList();
        r.Fail(released[0]);
        Assert.Equal(RolloutPhase.Progressing, r.Record.Phase);
        r.Step();
        Assert.Equal(RolloutPhase.Progressing, r.Record.Phase);

        r.Fail(released[1]);
        var halted = r.Step();

        Assert.Equal(RolloutPhase.Halted, r.Record.Phase);
        var entry = Assert.Single(halted.Events);
        Assert.Equal(RolloutEventKinds.Halted, entry.Kind);
        Assert.Contains(released[0], entry.Detail);
        Assert.Contains(released[1], entry.Detail);
        Assert.Empty(r.Step().Releases);
    }

    [Fact]
    public void SelectorCanariesGoFirstAndManualApprovalWaitsForPromote()
    {
        var canary = new CanaryPolicy(LabelSelector.Parse("ring=canary"), null, TimeSpan.Zero);
        var r = new RolloutFixture(new RolloutPolicy { Canary = canary, ManualApproval = true }, members: 5, id => id is "store-04" or "store-05");

        var canaries = r.Step().Releases.Select(x => x.ClusterId).Order().ToList();
        Assert.Equal(["store-04", "store-05"], canaries);
        canaries.ForEach(r.Converge);
        r.Step();
        Assert.Equal(RolloutPhase.WaitingForApproval, r.Record.Phase);
        Assert.Empty(r.Step().Releases);

        var promote = new RolloutDecision();
        Assert.Null(RolloutActions.Promote(r.Record, r.Book, all: false, now: false, r.Now, "alice", promote));
        Assert.Equal(3, r.Step().Releases.Count);
        Assert.Contains(promote.Events, e => e.Kind == RolloutEventKinds.Promoted && e.Actor == "alice");
    }

    [Fact]
    public void NobodyIsReleasedUntilEveryMemberHasJudgedACanarySelectorThatCameWithTheTarget()
    {
        // The selector came in the target's commit: the members' clusters have not judged it when the rollout starts.
        var canary = new CanaryPolicy(LabelSelector.Parse("ring=canary"), null, TimeSpan.Zero);
        var r = new RolloutFixture(new RolloutPolicy { Canary = canary, Waves = [50, 100] }, members: 4, judged: false);

        Assert.Equal(4, r.Book.Unjudged);
        var early = r.Step();
        Assert.Empty(early.Releases);
        Assert.Empty(early.Events);
        r.Judge("store-01", canary: false);
        r.Judge("store-02", canary: false);
        r.Judge("store-04", canary: false);
        Assert.Empty(r.Step().Releases);

        r.Judge("store-03", canary: true);
        Assert.Equal(("store-03", 0), Assert.Single(r.Step().Releases));
    }

    [Fact]
    public void ACountCanaryIsTheFirstMembersInReleaseOrder()
    {
        var r = new RolloutFixture(new RolloutPolicy { Canary = new CanaryPolicy(null, Amount.OfCount(2), TimeSpan.Zero), Waves = [50, 100] }, members: 10);

        var canaries = r.Step().Releases.Select(x => x.ClusterId).ToList();

        Assert.Equal(r.Ids.OrderBy(RolloutOrder.Of).Take(2), canaries);
        Assert.Equal(2, WavePlan.Planned(r.Record, 0, r.Book));
        Assert.Equal(4, WavePlan.Planned(r.Record, 1, r.Book));
        Assert.Equal(4, WavePlan.Planned(r.Record, 2, r.Book));
    }

    [Fact]
    public void AStoreThatJoinsMidRolloutWaitsForItsPlaceInTheOrder()
    {
        var r = new RolloutFixture(new RolloutPolicy { Waves = [50, 100], Bake = TimeSpan.FromHours(1) }, members: 4);
        r.Step().Releases.ForEach(x => r.Converge(x.ClusterId));
        r.Step();
        r.Join("store-99");

        // Five members now: the first wave wants 3 (50% rounded up), so one more goes: whoever of the
        // waiting ones, the newcomer included, comes first in the order.
        var waiting = r.Ids.Append("store-99").Except(r.Book.ReleasedIds()).OrderBy(RolloutOrder.Of).ToList();
        var released = Assert.Single(r.Step().Releases);
        Assert.Equal(waiting[0], released.ClusterId);
        Assert.Equal(3, r.Book.ReleasedMain);
    }

    [Fact]
    public void PauseStopsReleasesAndResumeAfterAHaltCountsFailuresFromThen()
    {
        var r = new RolloutFixture(new RolloutPolicy { MaxConcurrent = Amount.OfCount(1) }, members: 3);
        var first = Assert.Single(r.Step().Releases).ClusterId;
        Assert.Null(RolloutActions.Pause(r.Record, r.Now, "bob", new RolloutDecision()));
        r.Converge(first);
        Assert.Empty(r.Step().Releases);
        Assert.Null(RolloutActions.Resume(r.Record, r.Book, r.Now, "bob", new RolloutDecision()));
        var second = Assert.Single(r.Step().Releases).ClusterId;

        r.Fail(second);
        r.Step();
        Assert.Equal(RolloutPhase.Halted, r.Record.Phase);
        Assert.NotNull(RolloutActions.Promote(r.Record, r.Book, false, false, r.Now, "bob", new RolloutDecision()));
        Assert.Null(RolloutActions.Resume(r.Record, r.Book, r.Now, "bob", new RolloutDecision()));
        Assert.Single(r.Step().Releases);
        Assert.Equal(RolloutPhase.Progressing, r.Record.Phase);
    }

    [Fact]
    public void AbortNeedsAStableRevisionToGoBackTo()
    {
        var r = new RolloutFixture(new RolloutPolicy(), members: 2);
        r.Step();

        Assert.NotNull(RolloutActions.Abort(r.Record, hasStable: false, r.Now, "carol", new RolloutDecision()));
        Assert.Null(RolloutActions.Abort(r.Record, hasStable: true, r.Now, "carol", new RolloutDecision()));
        Assert.Equal(RolloutPhase.Aborted, r.Record.Phase);
        Assert.Empty(r.Step().Releases);
    }

    [Fact]
    public void PromoteAllReleasesEveryMemberAtOnce()
    {
        var r = new RolloutFixture(new RolloutPolicy { Waves = [10, 50, 100], Bake = TimeSpan.FromHours(1) }, members: 20);
        Assert.Equal(2, r.Step().Releases.Count);

        Assert.Null(RolloutActions.Promote(r.Record, r.Book, all: true, now: true, r.Now, "dave", new RolloutDecision()));

        Assert.Equal(18, r.Step().Releases.Count);
        Assert.True(r.Record.IgnoreWindows);
    }
}
