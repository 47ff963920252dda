using FleetOps.Shared.Contracts;

namespace FleetOps.Shared.Tests.Contracts;

public sealed class PhaseRollupTests
{
    [Theory]
    [InlineData(new[] { Phase.Converged, Phase.Failed, Phase.Degraded }, Phase.Failed)]
    [InlineData(new[] { Phase.Converged, Phase.Degraded, Phase.Progressing }, Phase.Degraded)]
    [InlineData(new[] { Phase.Pending, Phase.Progressing, Phase.Converged }, Phase.Progressing)]
    [InlineData(new[] { Phase.Converged, Phase.Pending }, Phase.Pending)]
    [InlineData(new[] { Phase.Converged, Phase.Converged }, Phase.Converged)]
    [InlineData(new Phase[0], Phase.Converged)]
    public void TheWorstGroupPhaseWins(Phase[] groups, Phase expected)
    {
        Assert.Equal(expected, PhaseRollup.Worst(groups));
    }

    [Fact]
    public void AClusterThatNeverReportedIsUnknown()
    {
        Assert.Equal(Phase.Unknown, PhaseRollup.ForCluster(hasReported: false, online: true, [Phase.Converged]));
    }

    [Fact]
    public void AnOfflineClusterIsOfflineWhateverItsGroupsSay()
    {
        Assert.Equal(Phase.Offline, PhaseRollup.ForCluster(hasReported: true, online: false, [Phase.Failed]));
    }

    [Fact]
    public void AnOnlineClusterShowsItsWorstGroup()
    {
        Assert.Equal(Phase.Degraded, PhaseRollup.ForCluster(hasReported: true, online: true, [Phase.Converged, Phase.Degraded]));
    }

    [Theory]
    [InlineData(Phase.Offline)]
    [InlineData(Phase.Unknown)]
    public void HubDerivedPhasesHaveNoSeverity(Phase phase)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PhaseRollup.Severity(phase));
    }

    [Fact]
    public void RevisionsAreShortenedForPeople()
    {
        Assert.Equal("3f2a1c9", Revisions.Short("3f2a1c9d4e5b6a7980112233445566778899aabb"));
        Assert.Equal("-", Revisions.Short(null));
        Assert.True(Revisions.IsFullSha("3f2a1c9d4e5b6a7980112233445566778899aabb"));
        Assert.False(Revisions.IsFullSha("3f2a1c9"));
    }
}
