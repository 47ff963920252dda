using FleetOps.Cli.Waiting;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Tests.Waiting;

/// <summary>How a wait decides for a group with a rollout block, from one look at the group and its rollout.</summary>
public sealed class RolloutWaitTests
{
    private const string Old = "1111111111111111111111111111111111111111";
    private const string New = "2222222222222222222222222222222222222222";
    private const string Newer = "3333333333333333333333333333333333333333";

    [Fact]
    public void ACompletedRolloutMeetsTheWaitThoughAnOfflineMemberHasNotConverged()
    {
        var detail = Group(New, Member("a", Phase.Converged, New, New), Member("b", Phase.Offline, New, Old));

        var report = Evaluate(new WaitGoal("pos", null, null), detail, Rollout(RolloutPhase.Completed, New));

        Assert.Equal((WaitState.Met, 1, 0), (report.State, report.Converged, report.Required));
    }

    [Fact]
    public void AGivenShareOfConvergedMembersIsAskedForOnTopOfTheCompletion()
    {
        var detail = Group(New, Member("a", Phase.Converged, New, New), Member("b", Phase.Offline, New, Old));

        var report = Evaluate(new WaitGoal("pos", null, 100), detail, Rollout(RolloutPhase.Completed, New));

        Assert.Equal((WaitState.Waiting, 2), (report.State, report.Required));
        Assert.Contains("the rollout completed; waiting for 2 members converged", report.Note);
    }

    [Theory]
    [InlineData(RolloutPhase.Halted)]
    [InlineData(RolloutPhase.Aborted)]
    public void AHaltedOrAbortedRolloutStopsTheWaitWithItsFailingMembers(RolloutPhase phase)
    {
        var failing = new GroupMemberView("b", Phase.Degraded, New, New, "HealthCheckFailed", "0/2 replicas available");
        var detail = Group(New, Member("a", Phase.Converged, New, New), failing, Member("c", Phase.Converged, Old, Old));

        var report = Evaluate(new WaitGoal("pos", null, null), detail, Rollout(phase, New, failing: [failing]));

        Assert.Equal(WaitState.Stopped, report.State);
        Assert.Equal([("b", "HealthCheckFailed")], report.HeldBackBy.Select(h => (h.ClusterId, h.Reason)));
        Assert.Equal("what to do", report.Note);
        Assert.Equal(phase, report.Rollout!.Phase);
    }

    [Fact]
    public void AHaltedRolloutOfAnotherRevisionDoesNotStopAWaitForANewerOne()
    {
        var report = Evaluate(new WaitGoal("pos", null, null), Group(Newer, Member("a", Phase.Converged, Old, Old)), Rollout(RolloutPhase.Halted, New));

        Assert.Equal(WaitState.Waiting, report.State);
        Assert.Contains("the rollout of 3333333 has not started yet", report.Note);
    }

    [Fact]
    public void UnreleasedMembersAreHeldBackAsNotReleasedYet()
    {
        var detail = Group(New, Member("a", Phase.Converged, New, New), Member("b", Phase.Converged, Old, Old));

        var report = Evaluate(new WaitGoal("pos", null, null), detail, Rollout(RolloutPhase.Progressing, New));

        var holdout = Assert.Single(report.HeldBackBy);
        Assert.Equal(("b", "not released 2222222 yet (or pinned): told 1111111"), (holdout.ClusterId, holdout.Message));
    }

    [Fact]
    public void APausedRolloutKeepsTheWaitGoingAndSaysWhoPausedIt()
    {
        var report = Evaluate(new WaitGoal("pos", null, null), Group(New), Rollout(RolloutPhase.Paused, New));

        Assert.Equal((WaitState.Waiting, "what to do"), (report.State, report.Note));
    }

    [Fact]
    public void AnEarlierRevisionWhoseRolloutCompletedIsMet()
    {
        var events = new[] { Event(RolloutEventKinds.Completed, New), Event(RolloutEventKinds.Started, Newer) };

        var report = Evaluate(new WaitGoal("pos", "222222", null), Group(Newer), Rollout(RolloutPhase.Progressing, Newer, events: events));

        Assert.Equal((WaitState.Met, New), (report.State, report.Revision));
        Assert.Contains("the rollout of 2222222 completed; the group has moved on to 3333333 since", report.Note);
    }

    [Fact]
    public void AnEarlierRevisionWhoseRolloutWasSupersededCanNeverComplete()
    {
        var events = new[] { Event(RolloutEventKinds.Started, New), Event(RolloutEventKinds.Superseded, New), Event(RolloutEventKinds.Started, Newer) };

        var report = Evaluate(new WaitGoal("pos", "222222", null), Group(Newer), Rollout(RolloutPhase.Progressing, Newer, events: events));

        Assert.Equal(WaitState.Impossible, report.State);
        Assert.Contains("superseded by 3333333 before it completed, so it never will; wait for it instead: fleetops wait --group pos --revision 3333333", report.Note);
    }

    private static WaitReport Evaluate(WaitGoal goal, GroupDetail detail, RolloutView rollout) =>
        WaitEvaluator.Evaluate(goal, detail, new FleetView(new SourceView("u", "main", null, null, null), detail.Group.Target!.Commit, [], [], PhaseCounts.Zero),
            TimeSpan.Zero, rollout);

    private static GroupMemberView Member(string id, Phase phase, string desired, string applied) => new(id, phase, desired, applied);

    private static RolloutEventView Event(string kind, string revision) => new(DateTimeOffset.UnixEpoch, kind, revision, 0, null, null);

    private static RolloutView Rollout(RolloutPhase phase, string revision, GroupMemberView[]? failing = null, RolloutEventView[]? events = null) => new(
        "pos", phase, revision, Old, DateTimeOffset.UnixEpoch, 0, [new RolloutWaveView(0, "wave 1", 2, 2, 1, failing?.Length ?? 0, 0, 0, 0)],
        2, 0, new RolloutBudget(0, failing?.Length ?? 0), new RolloutStep("what to do"), failing ?? [], false, events ?? []);

    private static GroupDetail Group(string target, params GroupMemberView[] members)
    {
        var commit = new CommitInfo(target, "subject", DateTimeOffset.UnixEpoch);
        var view = new GroupView("pos", "apps/pos", "", 3, new GroupTarget(commit, "apps/pos", "sha256:x", 1, DateTimeOffset.UnixEpoch), null, PhaseCounts.Zero,
            new RolloutSummary(RolloutPhase.Progressing, 0, 1, 1, members.Length));
        return new GroupDetail(view, members);
    }
}
