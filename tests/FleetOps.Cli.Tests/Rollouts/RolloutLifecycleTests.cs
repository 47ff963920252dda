using FleetOps.Cli.Tests.Harness;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Cli;

namespace FleetOps.Cli.Tests.Rollouts;

/// <summary>
/// pos-east's rollout from start to completion, driven by its stores' reports and the clock, seen and steered
/// through the CLI at each phase: canary, approval, promote, pause (and a refused promote), resume, bake, completion.
/// </summary>
public sealed class RolloutLifecycleTests
{
    [Fact]
    public async Task ARolloutIsSeenAndSteeredThroughEveryPhaseToCompletion()
    {
        await using var fleet = await RolloutFleet.StartAsync();
        Golden.Match("rollout-idle-pos-east.txt", (await Ok(fleet, "rollout", "status", "pos-east")).Stdout);

        fleet.At("09:10");
        var bump = await fleet.BumpAsync("pos-east");
        var canary = await fleet.ReleasedAsync("pos-east", bump, 1);
        fleet.At("09:11");
        await fleet.ConvergeAsync("pos-east", canary);
        await fleet.UntilAsync("pos-east", r => r.Next?.At is not null, "the canary bakes");
        Assert.Contains("next      approval is asked after bake, at 09:16:00 (in 5m)", (await Ok(fleet, "rollout", "status", "pos-east")).Stdout);

        fleet.At("09:16");
        await fleet.UntilAsync("pos-east", r => r.Phase == RolloutPhase.WaitingForApproval, "the canary waits for approval");
        Assert.Contains("approval?", (await Ok(fleet, "status")).Stdout);

        fleet.At("09:17");
        var promoted = await Ok(fleet, "rollout", "promote", "pos-east");
        Assert.StartsWith($"promoted the rollout of pos-east at {bump[..7]}, recorded as alice@ops-laptop\n", promoted.Stdout);
        Golden.Match("rollout-promote-pos-east.txt", promoted.Stdout);
        var wave1 = (await fleet.ReleasedAsync("pos-east", bump, 3)).Except(canary).ToList();
        fleet.At("09:18");
        await fleet.ConvergeAsync("pos-east", wave1[0]);
        await fleet.ReportAsync(wave1[1], Phase.Progressing);
        await fleet.UntilAsync("pos-east", r => r.Waves[1].Converged == 1 && r.Waves[1].Applying == 1, "wave 1 is half converged");

        Golden.Match("rollout-status-pos-east.txt", (await Ok(fleet, "rollout", "status", "pos-east")).Stdout);
        Golden.Match("rollout-status-pos-east-80.txt", (await Ok(with80(fleet), "rollout", "status", "pos-east")).Stdout);
        Golden.Match("status-rollouts.txt", (await Ok(fleet, "status")).Stdout);
        Golden.Match("status-rollouts-80.txt", (await Ok(with80(fleet), "status")).Stdout);
        Golden.Match("groups-rollouts.txt", (await Ok(fleet, "groups")).Stdout);

        var paused = await Ok(fleet, "rollout", "pause", "pos-east");
        Assert.StartsWith($"paused the rollout of pos-east at {bump[..7]}, recorded as alice@ops-laptop\n", paused.Stdout);
        Assert.Contains("phase     Paused, wave 1 (2 of 3)", paused.Stdout);
        Assert.Contains("next      paused by alice@ops-laptop: 'fleetops rollout resume pos-east' goes on", paused.Stdout);
        Assert.Contains("Paused", (await Ok(fleet, "groups")).Stdout);

        var refused = await fleet.RunAsync("rollout", "promote", "pos-east");
        Assert.Equal(ExitCodes.Error, refused.ExitCode);
        Assert.Equal("", refused.Stdout);
        Assert.Equal(
            "error: cannot promote the rollout of 'pos-east': the rollout is Paused; resume it first\n" +
            "  hint: fleetops rollout resume pos-east goes on from where it was paused\n" +
            "  hint: fleetops rollout status pos-east shows its phase, waves and what it waits for\n", refused.Stderr);

        Assert.Contains("phase     Progressing, wave 1 (2 of 3)", (await Ok(fleet, "rollout", "resume", "pos-east")).Stdout);
        fleet.At("09:20");
        await fleet.ConvergeAsync("pos-east", wave1[1]);
        await fleet.UntilAsync("pos-east", r => r.Next?.At is not null, "wave 1 bakes");
        Golden.Match("rollout-baking-pos-east.txt", (await Ok(fleet, "rollout", "status", "pos-east")).Stdout);

        fleet.At("09:30");
        var wave2 = (await fleet.ReleasedAsync("pos-east", bump, 4)).Except(canary).Except(wave1).ToList();
        fleet.At("09:31");
        await fleet.ConvergeAsync("pos-east", wave2);
        await fleet.UntilAsync("pos-east", r => r.Phase == RolloutPhase.Completed, "the rollout completes");

        var completed = await Ok(fleet, "rollout", "status", "pos-east");
        Assert.Contains("phase     Completed", completed.Stdout);
        Assert.Contains($"next      done: {bump[..7]} is the stable revision", completed.Stdout);
        Assert.Contains("Completed", (await Ok(fleet, "status")).Stdout);
        var wide = await Ok(fleet, "rollout", "status", "pos-east", "-o", "wide");
        Assert.Contains($"revision  {bump}, now the group's stable revision", wide.Stdout);
        Assert.Contains(wide.Stdout.Split('\n'), line => line.Contains("  Completed  ", StringComparison.Ordinal) && line.Contains(bump, StringComparison.Ordinal));
        var waited = await Ok(fleet, "wait", "--group", "pos-east", "--revision", bump[..10], "--timeout", "0s");
        Assert.Equal($"reached pos-east: rollout of {bump[..7]} Completed, 4/4 converged \"East: new tax rate\", after 0s\n", waited.Stdout);
        Golden.Match("history-group-pos-east.txt", (await Ok(fleet, "history", "--group", "pos-east")).Stdout);
    }

    private static CliEnvironment with80(RolloutFleet fleet) => fleet.Env with { Width = 80 };

    private static async Task<CliResult> Ok(RolloutFleet fleet, params string[] args) => await Ok(fleet.Env, args);

    private static async Task<CliResult> Ok(CliEnvironment env, params string[] args)
    {
        var result = await CliRunner.RunAsync(env, args);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("", result.Stderr);
        if (env.Width == 80)
            Assert.All(result.Stdout.Split('\n'), line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        return result;
    }
}
