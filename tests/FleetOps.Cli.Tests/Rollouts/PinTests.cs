using System.Text.Json;
using System.Text.RegularExpressions;
using FleetOps.Cli.Tests.Harness;
using FleetOps.Shared.Api;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Polling;

namespace FleetOps.Cli.Tests.Rollouts;

/// <summary>pin holds one store's group where it is while the group rolls on; unpin lets it follow; the audit says who did both.</summary>
public sealed class PinTests
{
    [Fact]
    public async Task APinnedStoreStaysOutOfTheRolloutAndTheAuditNamesWhoPinnedIt()
    {
        await using var fleet = await RolloutFleet.StartAsync();
        fleet.At("09:08");
        var pinned = await Ok(fleet, "pin", "store-w3", "--group", "pos-west");
        Assert.Equal($"store-w3: pos-west held at {fleet.Initial[..7]}\n" +
            "it stays there, outside the rollout's waves and budget; undo with: fleetops unpin store-w3 --group pos-west\n", pinned.Stdout);

        fleet.At("09:10");
        var bump = await fleet.BumpAsync("pos-west");
        await fleet.UntilAsync("pos-west", r => r.Pinned == 1 && r.Waves.Sum(w => w.Released) == 2, "the pinned store is left out");
        Assert.Contains("members   2 of 3 released, 1 more pinned outside the rollout", (await Ok(fleet, "rollout", "status", "pos-west")).Stdout);
        Assert.Equal(fleet.Initial, fleet.Told("store-w3", "pos-west"));

        fleet.At("09:12");
        var json = await Ok(fleet, "pin", "store-w4", "--group", "pos-west", "--revision", bump[..8], "-o", "json");
        Assert.Equal(new PinRequest("pos-west", bump, "alice@ops-laptop"), JsonSerializer.Deserialize(json.Stdout, ApiJsonContext.Default.PinRequest));
        await Eventually.UntilAsync(() => fleet.Told("store-w4", "pos-west") == bump, "store-w4 is told the revision it is pinned at");

        fleet.At("09:13");
        var unpinned = await Ok(fleet, "unpin", "store-w3", "--group", "pos-west");
        Assert.Equal("store-w3: pos-west no longer pinned; it follows the group's rollout again\n", unpinned.Stdout);

        var history = await Ok(fleet, "history", "--group", "pos-west");
        var rows = Regex.Replace(history.Stdout, " {2,}", " | ");
        Assert.Contains($"2026-11-20 09:08:00 | Pinned | {fleet.Initial[..7]} | - | alice@ops-laptop | store-w3 held at {fleet.Initial[..7]}\n", rows);
        Assert.Contains("2026-11-20 09:13:00 | Unpinned | - | - | alice@ops-laptop | store-w3 released from its pin\n", rows);
    }

    [Theory]
    [InlineData("is not one of the recent targets of group 'pos-west'", "fleetops history --group pos-west lists the revisions", "store-w1", "pos-west", "deadbeef")]
    [InlineData("there is no registered cluster 'store-w9'", "fleetops clusters lists registered clusters", "store-w9", "pos-west", null)]
    [InlineData("there is no group 'pos-wst' in fleet.yaml (did you mean 'pos-west'", "fleetops groups lists the groups", "store-w1", "pos-wst", null)]
    public async Task APinTheHubRefusesSaysWhatToCheck(string message, string hint, string cluster, string group, string? revision)
    {
        await using var fleet = await RolloutFleet.StartAsync();

        var result = await fleet.RunAsync(["pin", cluster, "--group", group, .. revision is null ? Array.Empty<string>() : ["--revision", revision]]);

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.Contains($"  hint: {hint}", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    private static async Task<CliResult> Ok(RolloutFleet fleet, params string[] args)
    {
        var result = await fleet.RunAsync(args);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("", result.Stderr);
        return result;
    }
}
