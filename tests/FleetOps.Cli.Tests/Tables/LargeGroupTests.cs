using FleetOps.Cli.Output;
using FleetOps.Cli.Tests.Harness;
using FleetOps.Cli.Waiting;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Cli;

namespace FleetOps.Cli.Tests.Tables;

/// <summary>A group of thousands mid-rollout still fits a screen: the worst rows, then a line per phase saying how to list the rest.</summary>
public sealed class LargeGroupTests
{
    private const string Target = "2222222222222222222222222222222222222222";

    [Fact]
    public void AGroupListsItsWorstFiftyMembersAndCountsTheRest()
    {
        var members = Enumerable.Range(1, 3000).Select(i => new GroupMemberView($"store-{i:0000}",
            i <= 10 ? Phase.Failed : i <= 2000 ? Phase.Pending : Phase.Converged, Target, null)).ToList();

        var output = Render(screen => GroupDetailView.Write(screen, new GroupDetail(Group(), members), new Dictionary<string, ClusterDetail>(), wide: false));

        var rows = output.Split('\n').Where(l => l.StartsWith("store-", StringComparison.Ordinal)).ToList();
        Assert.Equal(GroupDetailView.MaxRows, rows.Count);
        Assert.All(rows.Take(10), r => Assert.Contains("Failed", r));
        Assert.Contains("1950 more pending: fleetops clusters --group pos-east --phase Pending", output);
        Assert.Contains("1000 converged members not listed", output);
    }

    [Fact]
    public void AMemberWhoseClusterWasNotReadShowsTheReasonFromTheMemberList()
    {
        GroupMemberView[] members = [new("store-0001", Phase.Failed, Target, null, "ApplyFailed", "Deployment/pos/api apply failed: denied")];

        var output = Render(screen => GroupDetailView.Write(screen, new GroupDetail(Group(), members), new Dictionary<string, ClusterDetail>(), wide: false));

        var row = Assert.Single(output.Split('\n'), l => l.StartsWith("store-0001", StringComparison.Ordinal));
        Assert.Contains("ApplyFailed", row);
        Assert.Contains("Deployment/pos/api apply failed: denied", row);
    }

    [Fact]
    public void AWaitListsTheHoldoutsItFetchedReasonsForAndCountsTheRest()
    {
        var holdouts = Enumerable.Range(1, 400).Select(i => new WaitHoldout($"store-{i:0000}", i <= 3 ? Phase.Degraded : Phase.Offline, null, null, null)).ToList();
        var report = new WaitReport("pos-east", null, Target, "Bump", WaitState.Waiting, 1000, 600, 1000, 100, null, holdouts, 600);

        var output = Render(screen => WaitView.Write(screen, report, 25));

        Assert.Equal(25, output.Split('\n').Count(l => l.StartsWith("store-", StringComparison.Ordinal)));
        Assert.Contains("375 more offline: fleetops clusters --group pos-east --phase Offline", output);
    }

    private static string Render(Action<Screen> write)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var screen = Screen.Create(stdout, CliRunner.Environment());
        write(screen);
        screen.Flush();
        return stdout.ToString();
    }

    private static GroupView Group() => new("pos-east", "apps/pos/overlays/east", "region=east", 7,
        new GroupTarget(new CommitInfo(Target, "Bump", DateTimeOffset.UnixEpoch), "apps/pos/overlays/east", "sha256:x", 2, DateTimeOffset.UnixEpoch),
        null, new PhaseCounts(1000, 1990, 0, 0, 10, 0, 0));
}
