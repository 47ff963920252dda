using FleetOps.Cli.Waiting;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Tests.Waiting;

/// <summary>How a wait decides from one look at a group; the command around it only polls.</summary>
public sealed class WaitEvaluatorTests
{
    private const string Old = "1111111111111111111111111111111111111111";
    private const string New = "2222222222222222222222222222222222222222";

    [Theory]
    [InlineData(10, 100, 10)]
    [InlineData(10, 95, 10)]
    [InlineData(10, 90, 9)]
    [InlineData(20, 95, 19)]
    [InlineData(3, 50, 2)]
    [InlineData(0, 100, 0)]
    [InlineData(7, 0, 0)]
    public void TheRequiredCountRoundsUpSoThePercentageIsNeverMissed(int members, double percent, int required) =>
        Assert.Equal(required, WaitEvaluator.Required(members, percent));

    [Fact]
    public void OnlyMembersConvergedAtTheTargetCount()
    {
        var detail = Group(New,
            Member("a", Phase.Converged, New), Member("b", Phase.Converged, Old), Member("c", Phase.Degraded, New), Member("d", Phase.Offline, Old));

        var report = WaitEvaluator.Evaluate(new WaitGoal("pos", null, 100), detail, null, TimeSpan.Zero);

        Assert.Equal((WaitState.Waiting, 1, 4), (report.State, report.Converged, report.Required));
        Assert.Equal(["c", "d", "b"], report.HeldBackBy.Select(h => h.ClusterId));
    }

    [Fact]
    public void AGroupWithoutMembersHasNothingToWaitFor()
    {
        var report = WaitEvaluator.Evaluate(new WaitGoal("pos", null, 100), Group(New), null, TimeSpan.Zero);

        Assert.Equal(WaitState.Met, report.State);
        Assert.Contains("no members", report.Note);
    }

    [Fact]
    public void ARevisionTheHubHasNotSeenKeepsTheWaitGoing()
    {
        var fleet = Fleet(commit: Old, errors: []);

        var report = WaitEvaluator.Evaluate(new WaitGoal("pos", "3333333", 100), Group(Old, Member("a", Phase.Converged, Old)), fleet, TimeSpan.Zero);

        Assert.Equal(WaitState.Waiting, report.State);
        Assert.Null(report.Revision);
        Assert.Contains("has not processed revision 3333333 yet", report.Note);
    }

    [Fact]
    public void ARevisionRefusedAsUntrustedEndsTheWaitAtOnceSayingWhy()
    {
        var refused = new FleetError(FleetErrorKinds.UntrustedCommit, "commit 3333333 is not signed", null, null, new string('3', 40), DateTimeOffset.UnixEpoch);

        var report = WaitEvaluator.Evaluate(new WaitGoal("pos", "3333333", 100), Group(Old, Member("a", Phase.Converged, Old)), Fleet(Old, [refused]), TimeSpan.Zero);

        Assert.Equal(WaitState.Impossible, report.State);
        Assert.Contains("commit 3333333 is not signed", report.Note);
    }

    [Fact]
    public void AnAbbreviatedRevisionMatchesTheTarget()
    {
        var report = WaitEvaluator.Evaluate(new WaitGoal("pos", "2222", 100), Group(New, Member("a", Phase.Converged, New)), Fleet(New, []), TimeSpan.Zero);

        Assert.Equal((WaitState.Met, New), (report.State, report.Revision));
    }

    [Fact]
    public void HoldoutsCarryTheReasonsOfTheMemberList()
    {
        var failed = new GroupMemberView("a", Phase.Failed, New, Old, "ApplyFailed", "Deployment/pos/api apply failed: denied");
        var offline = new GroupMemberView("b", Phase.Offline, New, Old, "ReconciliationSucceeded", null);

        var report = WaitEvaluator.Evaluate(new WaitGoal("pos", null, 100), Group(New, failed, offline), Fleet(New, []), TimeSpan.Zero);

        Assert.Equal([("a", "ApplyFailed", "Deployment/pos/api apply failed: denied"), ("b", "-", "offline")],
            report.HeldBackBy.Select(h => (h.ClusterId, h.Reason, h.Message)));
    }

    private static GroupMemberView Member(string id, Phase phase, string applied) => new(id, phase, New, applied);

    private static GroupDetail Group(string target, params GroupMemberView[] members)
    {
        var commit = new CommitInfo(target, "subject", DateTimeOffset.UnixEpoch);
        var view = new GroupView("pos", "apps/pos", "", 3, new GroupTarget(commit, "apps/pos", "sha256:x", 1, DateTimeOffset.UnixEpoch), null, PhaseCounts.Zero);
        return new GroupDetail(view, members);
    }

    private static FleetView Fleet(string commit, IReadOnlyList<FleetError> errors) => new(
        new SourceView("u", "main", null, null, null), new CommitInfo(commit, "s", DateTimeOffset.UnixEpoch), errors, [], PhaseCounts.Zero);
}
