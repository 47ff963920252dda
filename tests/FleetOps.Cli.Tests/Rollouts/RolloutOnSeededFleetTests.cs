using FleetOps.Cli.Tests.Harness;

namespace FleetOps.Cli.Tests.Rollouts;

/// <summary>The rollout commands on the seeded fleet, whose groups have no rollout block: what they say and what they suggest.</summary>
[Collection(SeededFleetCollection.Name)]
public sealed class RolloutOnSeededFleetTests(SeededFleet fleet)
{
    [Fact]
    public async Task AGroupWithoutARolloutBlockIsIdle()
    {
        var result = await fleet.RunAsync("rollout", "status", "pos-east");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(
            "group    pos-east\n" +
            "phase    Idle\n" +
            "stable   5cc9174\n" +
            "members  6\n" +
            "no rollout under way: the group has no rollout block in fleet.yaml, or its target has not moved since it got one\n", result.Stdout);
    }

    [Fact]
    public async Task PausingAGroupWithoutARolloutIsRefusedWithWhatARolloutNeeds()
    {
        var result = await fleet.RunAsync("rollout", "pause", "pos-east");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.StartsWith("error: cannot pause the rollout of 'pos-east': group 'pos-east' has no rollout under way", result.Stderr);
        Assert.Contains("  hint: a group rolls out wave by wave only with a rollout: block in fleet.yaml", result.Stderr);
        Assert.Contains("  hint: fleetops rollout status pos-east shows its phase", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("rollout", "status", "pos-eats")]
    [InlineData("rollout", "promote", "pos-eats", "--all")]
    [InlineData("history", "--group", "pos-eats")]
    public async Task AnUnknownGroupNamesTheNearestGroups(params string[] args)
    {
        var result = await fleet.RunAsync(args);

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("there is no group 'pos-eats' in fleet.yaml (did you mean 'pos-east'", result.Stderr);
        Assert.Contains("hint: fleetops groups lists the groups", result.Stderr);
    }

    [Fact]
    public async Task AGroupWithoutRolloutsHasAnEmptyAudit()
    {
        var result = await fleet.RunAsync("history", "--group", "platform");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("platform: 0 rollout events (oldest first, times in UTC)\n" +
            "nothing yet: the group has no rollout block in fleet.yaml, or its target has not moved since it got one\n", result.Stdout);
    }

    [Fact]
    public async Task WithoutRolloutsStatusAndGroupsHaveNoRolloutColumn()
    {
        Assert.DoesNotContain("ROLLOUT", (await fleet.RunAsync("status")).Stdout);
        Assert.DoesNotContain("ROLLOUT", (await fleet.RunAsync("groups", "-o", "wide")).Stdout);
    }
}
