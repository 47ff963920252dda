using System.Text.Json;
using FleetOps.Cli.Output;
using FleetOps.Cli.Tests.Harness;
using FleetOps.Cli.Waiting;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Polling;

namespace FleetOps.Cli.Tests.Rollouts;

/// <summary>
/// pos-west (two waves, no failure allowed) halts when a released store degrades: a wait ends at once naming it,
/// promote is refused with what to do instead, and abort takes the released stores back to the stable revision.
/// </summary>
public sealed class HaltedRolloutTests
{
    [Fact]
    public async Task AWaitEndsAtOnceWhenTheRolloutHaltsAndAbortTakesTheStoresBack()
    {
        await using var fleet = await RolloutFleet.StartAsync();
        fleet.At("09:10");
        var bump = await fleet.BumpAsync("pos-west");
        var released = await fleet.ReleasedAsync("pos-west", bump, 2);
        fleet.At("09:12");
        await fleet.ConvergeAsync("pos-west", released[0]);

        // A pipeline's gate, polling on the wall clock with a long timeout, while the second store degrades.
        var stdout = new SharedWriter();
        var stderr = new SharedWriter();
        var waiting = CliApp.RunAsync(["wait", "--group", "pos-west", "--revision", bump, "--interval", "50ms", "--timeout", "10m"],
            stdout.Writer, stderr.Writer, fleet.Env with { Clock = TimeProvider.System });
        await Eventually.UntilAsync(() => stderr.Text.Contains($"waiting: pos-west: rollout of {bump[..7]} Progressing, wave 1 (1 of 2), 2/4 released, 1/4 converged"),
            () => $"the wait reports the rollout's progress (stderr: {stderr.Text})");
        await fleet.ReportAsync(released[1], Phase.Degraded);
        var code = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(code == ExitCodes.WaitNotMet, $"{stdout.Text}\n{stderr.Text}");
        Golden.Match("wait-halted-pos-west.txt", stdout.Text);
        await fleet.UntilAsync("pos-west", r => r.Phase == RolloutPhase.Halted, "the rollout halts");
        Golden.Match("rollout-halted-pos-west.txt", (await Ok(fleet, "rollout", "status", "pos-west")).Stdout);

        var refused = await fleet.RunAsync("rollout", "promote", "pos-west");
        Assert.Equal(ExitCodes.Error, refused.ExitCode);
        Assert.StartsWith("error: cannot promote the rollout of 'pos-west': the rollout is Halted; resume it (accepting the failures) or fix forward with a new commit\n", refused.Stderr);
        Assert.Contains("  hint: fix forward with a new commit, or fleetops rollout resume pos-west to accept the failures and go on\n", refused.Stderr);

        fleet.At("09:14");
        var aborted = await Ok(fleet, "rollout", "abort", "pos-west");
        Assert.StartsWith($"aborted the rollout of pos-west at {bump[..7]}, recorded as alice@ops-laptop\n", aborted.Stdout);
        Assert.Contains("phase     Aborted, wave 1 (1 of 2)", aborted.Stdout);
        await Eventually.UntilAsync(() => released.All(id => fleet.Told(id, "pos-west") == fleet.Initial), "the released stores are told the stable revision again");
        var again = await fleet.RunAsync("wait", "--group", "pos-west", "--timeout", "10m");
        Assert.Equal(ExitCodes.WaitNotMet, again.ExitCode);
        Assert.StartsWith($"stopped pos-west: rollout of {bump[..7]} Aborted, wave 1 (1 of 2)", again.Stdout);
        Assert.Contains("aborted: members run 2479005; a new commit or 'fleetops rollout resume pos-west' starts again", again.Stdout);
        Assert.Contains("Aborted", (await Ok(fleet, "status")).Stdout);
        Assert.Contains("rollout  Aborted (fleetops rollout status pos-west)", (await Ok(fleet, "group", "pos-west")).Stdout);
        var json = await fleet.RunAsync("wait", "--group", "pos-west", "-o", "json");
        var report = JsonSerializer.Deserialize(json.Stdout, WaitJsonContext.Default.WaitReport)!;
        Assert.Equal((WaitState.Stopped, RolloutPhase.Aborted, bump), (report.State, report.Rollout!.Phase, report.Rollout.Revision));
        Assert.Contains("\"state\": \"Stopped\"", json.Stdout);
    }

    [Fact]
    public async Task RolloutStatusAsJsonIsTheApiRecord()
    {
        await using var fleet = await RolloutFleet.StartAsync();
        fleet.At("09:10");
        var bump = await fleet.BumpAsync("pos-west");
        await fleet.ReleasedAsync("pos-west", bump, 2);

        var result = await Ok(fleet, "rollout", "status", "pos-west", "-o", "json");
        using var http = fleet.Hub.CreateHttpClient();
        var api = JsonSerializer.Deserialize(await http.GetStringAsync("api/v1/groups/pos-west/rollout"), ApiJsonContext.Default.RolloutView)!;

        Assert.Equal(JsonSerializer.Serialize(api, JsonOutput.Api.RolloutView) + "\n", result.Stdout);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(("Progressing", bump, fleet.Initial), (root.GetProperty("phase").GetString(), root.GetProperty("revision").GetString(), root.GetProperty("stableRevision").GetString()));
        var first = root.GetProperty("waves")[0];
        Assert.Equal((2, 0, 0), (first.GetProperty("released").GetInt32(), first.GetProperty("converged").GetInt32(), first.GetProperty("failed").GetInt32()));
    }

    private static async Task<CliResult> Ok(RolloutFleet fleet, params string[] args)
    {
        var result = await fleet.RunAsync(args);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        return result;
    }
}
