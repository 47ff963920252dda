using System.Text.Json;
using FleetOps.Cli.Tests.Harness;
using FleetOps.Cli.Waiting;
using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Tests.Waiting;

/// <summary><c>fleetops wait</c> against the seeded fleet, which does not change: each wait is decided on its first look.</summary>
[Collection(SeededFleetCollection.Name)]
public sealed class WaitOnSeededFleetTests(SeededFleet fleet)
{
    [Fact]
    public async Task ATimedOutWaitListsTheClustersHoldingItBackWithTheirReasons()
    {
        // The seeded head (fleet.yaml typo) is refused, so a wait for it ends at once (HonestWaitTests): this one names the
        // target. A wait without --revision would also refresh, and the seeded hub must not change under the golden files.
        var result = await fleet.RunAsync("wait", "--group", "pos-east", "--revision", fleet.Bump[..7], "--timeout", "0s");

        Assert.Equal(ExitCodes.WaitNotMet, result.ExitCode);
        Golden.Match("wait-pos-east.txt", result.Stdout);
    }

    [Fact]
    public async Task AShareOfTheMembersIsEnoughWhenAskedFor()
    {
        // platform: 10 of 12 converged; 80% of 12 rounds up to 10.
        var result = await fleet.RunAsync("wait", "--group", "platform", "--revision", fleet.Initial[..7], "--min-converged", "80%", "--timeout", "0s");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.StartsWith($"reached platform: 10/12 converged at {fleet.Initial[..7]}, need 10 (80%) \"Initial fleet\"", result.Stdout);
    }

    [Fact]
    public async Task ARevisionThatDoesNotChangeTheGroupIsWaitedForAsTheGroupsTarget()
    {
        var result = await fleet.RunAsync("wait", "--group", "platform", "--revision", fleet.Printer[..10], "--min-converged", "80", "--timeout", "0s");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains($"revision {fleet.Printer[..7]} does not change what group 'platform' renders; waiting for its target {fleet.Initial[..7]}", result.Stdout);
    }

    [Fact]
    public async Task ARevisionThatDoesNotRenderForTheGroupEndsTheWaitAtOnce()
    {
        var result = await fleet.RunAsync("wait", "--group", "pos-west", "--revision", fleet.Printer, "--timeout", "10m");

        Assert.Equal(ExitCodes.WaitNotMet, result.ExitCode);
        Assert.StartsWith("cannot be reached pos-west", result.Stdout);
        Assert.Contains("will not reach group 'pos-west': group 'pos-west': path 'apps/pos/overlays/west' did not render", result.Stdout);
    }

    [Fact]
    public async Task ARefusedRevisionEndsTheWaitAtOnce()
    {
        var result = await fleet.RunAsync("wait", "--group", "pos-east", "--revision", fleet.North[..7], "--timeout", "10m", "-o", "json");

        Assert.Equal(ExitCodes.WaitNotMet, result.ExitCode);
        var report = JsonSerializer.Deserialize(result.Stdout, WaitJsonContext.Default.WaitReport)!;
        Assert.Equal(WaitState.Impossible, report.State);
        Assert.Contains("fleet.yaml:15: group 'pos-north'", report.Note);
    }

    [Fact]
    public async Task WaitJsonNamesEachHoldoutWithPhaseAndReason()
    {
        var result = await fleet.RunAsync("wait", "--group", "pos-west", "--revision", fleet.Bump[..7], "--timeout", "10m", "-o", "json");

        var report = JsonSerializer.Deserialize(result.Stdout, WaitJsonContext.Default.WaitReport)!;
        // store-0006 failed to apply at the target for good: 6 of 6 can never converge, so the wait ends at once.
        Assert.Equal((WaitState.Impossible, 6, 3, 6), (report.State, report.Members, report.Converged, report.Required));
        Assert.Contains("1 of 6 members failed at", report.Note);
        Assert.Equal(fleet.Bump, report.Revision);
        Assert.Equal(["store-0006", "store-0008", "store-0007"], report.HeldBackBy.Select(h => h.ClusterId));
        var failed = report.HeldBackBy[0];
        Assert.Equal((Phase.Failed, "ApplyFailed"), (failed.Phase, failed.Reason));
        Assert.StartsWith("dry-run failed", failed.Message);
        Assert.Contains("\"phase\": \"Failed\"", result.Stdout);
    }
}
