using FleetOps.Cli.Waiting;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Tests.Waiting;

/// <summary>Which failures end a wait at once: those that repeating the same revision cannot fix, and a source still missing past the store's retries.</summary>
public sealed class StuckMembersTests
{
    private const string Old = "1111111111111111111111111111111111111111";
    private const string New = "2222222222222222222222222222222222222222";

    [Fact]
    public void ASourceUnavailableMemberIsStuckOnlyAfterThreeLooksOverTwoMinutes()
    {
        var members = new[] { new GroupMemberView("a", Phase.Failed, New, Old, Reasons.SourceUnavailable, "cannot fetch") };
        var retries = new SourceRetries();

        var first = retries.Update(members, TimeSpan.Zero);
        var second = retries.Update(members, TimeSpan.FromMinutes(1));
        var third = retries.Update(members, TimeSpan.FromMinutes(2));

        Assert.Empty(first);
        Assert.Empty(second);
        Assert.Equal(["a"], third);
    }

    [Fact]
    public void AMemberThatRecoversStartsItsCountAgain()
    {
        var failing = new[] { new GroupMemberView("a", Phase.Failed, New, Old, Reasons.SourceUnavailable, "cannot fetch") };
        var progressing = new[] { new GroupMemberView("a", Phase.Progressing, New, Old, Reasons.Progressing) };
        var retries = new SourceRetries();

        retries.Update(failing, TimeSpan.Zero);
        retries.Update(failing, TimeSpan.FromMinutes(1));
        retries.Update(progressing, TimeSpan.FromMinutes(2));

        Assert.Empty(retries.Update(failing, TimeSpan.FromMinutes(3)));
    }

    [Fact]
    public void ASourceUnavailableMemberPastItsRetriesEndsTheWaitButOneStillRetryingDoesNot()
    {
        var member = new GroupMemberView("a", Phase.Failed, New, Old, Reasons.SourceUnavailable, "cannot fetch");
        var detail = new GroupDetail(new GroupView("pos", "apps/pos", "", 3,
            new GroupTarget(new CommitInfo(New, "s", DateTimeOffset.UnixEpoch), "apps/pos", "sha256:x", 1, DateTimeOffset.UnixEpoch), null, PhaseCounts.Zero), [member]);

        var retrying = WaitEvaluator.Evaluate(new WaitGoal("pos", null, null), detail, null, TimeSpan.Zero, sourceGaveUp: new HashSet<string>());
        var gaveUp = WaitEvaluator.Evaluate(new WaitGoal("pos", null, null), detail, null, TimeSpan.Zero, sourceGaveUp: new HashSet<string> { "a" });

        Assert.Equal(WaitState.Waiting, retrying.State);
        Assert.Equal(WaitState.Impossible, gaveUp.State);
        Assert.Contains("(1 SourceUnavailable)", gaveUp.Note);
    }

    [Theory]
    [InlineData(Reasons.HealthCheckFailed)]
    [InlineData(Reasons.PruneFailed)]
    [InlineData(Reasons.StorageUnavailable)]
    public void FailuresThatCanClearOnTheirOwnKeepTheWaitGoing(string reason)
    {
        var member = new GroupMemberView("a", Phase.Failed, New, Old, reason, "x");

        Assert.False(StuckMembers.IsStuck(member, New, null));
    }

    [Fact]
    public void AFailureReportedForAnEarlierRevisionIsNotAVerdictOnThisOne()
    {
        var member = new GroupMemberView("a", Phase.Failed, Old, Old, Reasons.ApplyFailed, "x");

        Assert.False(StuckMembers.IsStuck(member, New, null));
    }
}
