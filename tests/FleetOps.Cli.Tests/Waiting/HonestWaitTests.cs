using System.Text.Json;
using FleetOps.Cli.Tests.Harness;
using FleetOps.Cli.Waiting;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Agents;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using static FleetOps.Cli.Tests.Harness.AgentReports;

namespace FleetOps.Cli.Tests.Waiting;

/// <summary>
/// <c>fleetops wait</c> is never green on the wrong thing: it waits for the head just pushed, ends at once when that
/// head or the members' failures cannot get better, waits for a group that a commit adds, and knows old revisions.
/// Each test has a hub of its own, since each changes what the hub's branch holds.
/// </summary>
public sealed class HonestWaitTests
{
    [Fact]
    public async Task WithoutARevisionTheWaitIsForTheHeadJustPushedNotThePreviousTarget()
    {
        await using var scenario = await HubScenario.StartAsync();
        await ConvergedEastStoreAsync(scenario, "store-head-1");
        var pushed = scenario.Repository.WriteFromTestData("apps/pos/overlays/east/region.yaml", "changes/east-tax-rate.yaml").Commit("East: new tax rate");

        // No refresh: the hub has not polled since the push, as in a pipeline right after git push.
        var result = await Run(scenario, "wait", "--group", "pos-east", "--timeout", "0s", "-o", "json");

        Assert.True(result.ExitCode == ExitCodes.WaitNotMet, result.ToString());
        var report = Report(result);
        Assert.Equal((WaitState.Waiting, pushed, 0), (report.State, report.Revision, report.Converged));
    }

    [Fact]
    public async Task WithoutARevisionAHeadThatDoesNotRenderForTheGroupEndsTheWaitAtOnceWithTheError()
    {
        await using var scenario = await HubScenario.StartAsync();
        var broken = scenario.Repository.WriteFromTestData("apps/pos/overlays/west/kustomization.yaml", "changes/west-receipt-printer.yaml").Commit("West: add receipt printer");

        var result = await Run(scenario, "wait", "--group", "pos-west", "--timeout", "10m");
        var json = await Run(scenario, "wait", "--group", "pos-west", "--timeout", "10m", "-o", "json");

        Assert.True(result.ExitCode == ExitCodes.WaitNotMet, result.ToString());
        Assert.StartsWith("cannot be reached pos-west", result.Stdout);
        var report = Report(json);
        Assert.Equal(WaitState.Impossible, report.State);
        Assert.StartsWith($"the newest head, revision {broken[..7]} will not reach group 'pos-west': group 'pos-west': path 'apps/pos/overlays/west' did not render", report.Note);
    }

    [Fact]
    public async Task WithoutARevisionAHeadWhoseFleetYamlIsRefusedEndsTheWaitAtOnceWithItsError()
    {
        await using var scenario = await HubScenario.StartAsync();
        var refused = scenario.Repository.WriteFromTestData("fleet.yaml", "changes/fleet-add-north-typo.yaml").Commit("Add pos-north group");

        var result = await Run(scenario, "wait", "--group", "platform", "--min-converged", "80%", "--timeout", "10m", "-o", "json");

        Assert.True(result.ExitCode == ExitCodes.WaitNotMet, result.ToString());
        var report = Report(result);
        Assert.Equal(WaitState.Impossible, report.State);
        Assert.Null(report.RequestedRevision);
        Assert.StartsWith($"the newest head, revision {refused[..7]} will not reach group 'platform': fleet.yaml:15: group 'pos-north'", report.Note);
    }

    [Fact]
    public async Task MembersFailedInAWayThatWillNotFixItselfEndTheWaitAtOnceWithTheirReasons()
    {
        await using var scenario = await HubScenario.StartAsync();
        var agent = await scenario.AddAgentAsync("store-stuck-1", HubScenario.Labels(("region", "east")));
        await agent.WaitForDesiredAsync(d => d.Groups.Any(g => g.Name == "pos-east"), "has pos-east");
        await agent.ReportAsync(g => g.Name == "pos-east"
            ? new GroupStatus(g.Name, Phase.Failed, Reasons.ApplyFailed, "dry-run failed: Deployment/pos/api: spec.replicas: must be an integer",
                g.Revision, null, new ResourceCounts(2, 0), [], DateTimeOffset.UtcNow)
            : Converged(g, DateTimeOffset.UtcNow));
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetClusterAsync("store-stuck-1", default)).Phase == Phase.Failed, "the store's failure reaches the hub");

        var result = await Run(scenario, "wait", "--group", "pos-east", "--timeout", "10m", "--interval", "50ms", "-o", "json");

        Assert.True(result.ExitCode == ExitCodes.WaitNotMet, result.ToString());
        var report = Report(result);
        Assert.Equal(WaitState.Impossible, report.State);
        Assert.Contains("1 of 1 members failed at", report.Note);
        Assert.Contains("will not fix itself (1 ApplyFailed)", report.Note);
        Assert.Equal(("store-stuck-1", "ApplyFailed"), (report.HeldBackBy.Single().ClusterId, report.HeldBackBy.Single().Reason));
        Assert.True(report.ElapsedSeconds < 60, $"took {report.ElapsedSeconds}s");
    }

    [Fact]
    public async Task ARevisionThatAddsTheGroupIsWaitedForLikeAnExistingGroup()
    {
        await using var scenario = await HubScenario.StartAsync();
        var adding = scenario.Repository.WriteFromTestData("fleet.yaml", "changes/fleet-add-north.yaml").Commit("Add pos-north");
        var stdout = new SharedWriter();
        var stderr = new SharedWriter();

        var waiting = CliApp.RunAsync(["wait", "--group", "pos-north", "--revision", adding[..10], "--interval", "50ms", "--timeout", "60s"],
            stdout.Writer, stderr.Writer, CliRunner.Environment(scenario.Hub));
        await Eventually.UntilAsync(() => stderr.Text.Contains("group 'pos-north' is not in fleet.yaml at the hub's head yet"), "the wait says the group is on its way");
        Assert.False(waiting.IsCompleted, stdout.Text + stderr.Text);
        await scenario.Hub.Client.RefreshAsync(default);
        var code = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(code == ExitCodes.Ok, $"{stdout.Text}\n{stderr.Text}");
        Assert.StartsWith($"reached pos-north: 0/0 converged at {adding[..7]}", stdout.Text);
    }

    [Fact]
    public async Task ARevisionProcessedLongAgoIsNeverCalledNotProcessedYet()
    {
        await using var scenario = await HubScenario.StartAsync();
        await ConvergedEastStoreAsync(scenario, "store-old-1");
        var older = scenario.Repository.WriteFromTestData("apps/pos/overlays/east/region.yaml", "changes/east-tax-rate.yaml").Commit("East: new tax rate");
        await scenario.Hub.Client.RefreshAsync(default);
        var newer = scenario.Repository.WriteFromTestData("apps/pos/overlays/east/region.yaml", "changes/east-tax-rate-2.yaml").Commit("East: tax rate again");
        await scenario.Hub.Client.RefreshAsync(default);

        var moved = await Run(scenario, "wait", "--group", "pos-east", "--revision", older[..7], "--timeout", "10m", "-o", "json");
        var unchanged = await Run(scenario, "wait", "--group", "platform", "--revision", older[..7], "--timeout", "0s", "-o", "json");

        Assert.True(moved.ExitCode == ExitCodes.WaitNotMet, moved.ToString());
        var gone = Report(moved);
        Assert.Equal(WaitState.Impossible, gone.State);
        Assert.Contains($"revision {older[..7]} was processed long ago and group 'pos-east' has moved on to {newer[..7]} since", gone.Note);
        Assert.DoesNotContain("not processed", gone.Note);
        Assert.True(unchanged.ExitCode == ExitCodes.Ok, unchanged.ToString());
        Assert.Contains("does not change what group 'platform' renders", Report(unchanged).Note);
    }

    private static async Task ConvergedEastStoreAsync(HubScenario scenario, string id)
    {
        var agent = await scenario.AddAgentAsync(id, HubScenario.Labels(("region", "east")));
        await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "has platform and pos-east");
        await agent.ReportAsync(g => Converged(g, DateTimeOffset.UtcNow));
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetClusterAsync(id, default)).Phase == Phase.Converged, "the store converges");
    }

    private static Task<CliResult> Run(HubScenario scenario, params string[] args) => CliRunner.RunAsync(CliRunner.Environment(scenario.Hub), args);

    private static WaitReport Report(CliResult result) => JsonSerializer.Deserialize(result.Stdout, WaitJsonContext.Default.WaitReport)!;
}
