using FleetOps.Cli.Waiting;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Tests.Waiting;

/// <summary>How one look at a group's removal decides <c>wait --removed</c>.</summary>
public sealed class RemovalEvaluatorTests
{
    private static readonly RemovalMember Pruning = new("store-1", RemovalState.Pruning, PresenceState.Online, "pruning", 3, 1, 0);
    private static readonly RemovalMember Failed = new("store-2", RemovalState.PruneFailed, PresenceState.Online, "refused", 1, 1, 0);

    [Fact]
    public void NoStoreHoldingTheGroupOnceEveryClusterWasToldIsMet() =>
        Assert.Equal(WaitState.Met, RemovalEvaluator.Evaluate(new GroupRemovalView("pos", false, []), TimeSpan.Zero).State);

    [Fact]
    public void NoStoreListedWhileTheHubIsStillTellingItsClustersIsNotMetYet()
    {
        var report = RemovalEvaluator.Evaluate(new GroupRemovalView("pos", false, [], ClustersTold: false), TimeSpan.Zero);

        Assert.Equal(WaitState.Waiting, report.State);
        Assert.Contains("still telling its clusters", report.Note);
    }

    [Fact]
    public void AStoreWhosePruneFailedStopsTheWaitAndComesFirst()
    {
        var report = RemovalEvaluator.Evaluate(new GroupRemovalView("pos", false, [Pruning, Failed]), TimeSpan.Zero);

        Assert.Equal(WaitState.Stopped, report.State);
        Assert.Equal(["store-2", "store-1"], report.Stores.Select(s => s.ClusterId));
    }

    [Fact]
    public void AGroupStillInFleetYamlIsWaitedForWhateverItsStoresSay()
    {
        var report = RemovalEvaluator.Evaluate(new GroupRemovalView("pos", true, [Failed]), TimeSpan.Zero);

        Assert.Equal(WaitState.Waiting, report.State);
        Assert.Contains("still in fleet.yaml", report.Note);
    }
}
