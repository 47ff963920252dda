using FleetOps.Testing.Cli;
using FleetOps.Testing.Hub;

namespace FleetOps.Cli.Tests.Changing;

/// <summary>
/// <c>fleetops refresh</c> says what happened to the head it fetched, and a refused head is a failed refresh (exit 1);
/// <c>fleetops status</c> says so on the fleet line too. Each test has a hub of its own: each breaks its branch.
/// </summary>
public sealed class RefreshOutcomeTests
{
    [Fact]
    public async Task AHeadThatDoesNotRenderForAGroupIsARefusedRefreshNamingTheGroupAndWhy()
    {
        await using var scenario = await HubScenario.StartAsync();
        var head = scenario.Repository.WriteFromTestData("apps/pos/overlays/west/kustomization.yaml", "changes/west-receipt-printer.yaml").Commit("West: add receipt printer");

        var refresh = await Run(scenario, "refresh");
        var status = await Run(scenario, "status");

        Assert.True(refresh.ExitCode == ExitCodes.Error, refresh.ToString());
        Assert.StartsWith($"error: head {head[..7]} refused for group pos-west: group 'pos-west': path 'apps/pos/overlays/west' did not render", refresh.Stdout);
        Assert.Contains($"commit {head[..7]} \"West: add receipt printer\"", status.Stdout);
        Assert.Contains("did not render for pos-west (errors above)", status.Stdout);
    }

    [Fact]
    public async Task AHeadWhoseFleetYamlIsRefusedIsRefusedForEveryGroup()
    {
        await using var scenario = await HubScenario.StartAsync();
        var head = scenario.Repository.WriteFromTestData("fleet.yaml", "changes/fleet-add-north-typo.yaml").Commit("Add pos-north group");

        var refresh = await Run(scenario, "refresh");
        var again = await Run(scenario, "refresh");
        var status = await Run(scenario, "status");

        Assert.True(refresh.ExitCode == ExitCodes.Error, refresh.ToString());
        Assert.StartsWith($"error: head {head[..7]} refused for groups platform, pos-east, pos-west: fleet.yaml:", refresh.Stdout);
        Assert.True(again.ExitCode == ExitCodes.Error, again.ToString());
        Assert.Contains($"newest commit {head[..7]} refused (errors above)", status.Stdout);
    }

    [Fact]
    public async Task ACommitThatMovesNothingSaysNoGroupTargetMoved()
    {
        await using var scenario = await HubScenario.StartAsync();
        var head = scenario.Repository.Write("README.md", "docs only\n").Commit("Docs");

        var refresh = await Run(scenario, "refresh");

        Assert.True(refresh.ExitCode == ExitCodes.Ok, refresh.ToString());
        Assert.Equal($"processed head {head[..7]}; no group target moved (the commit does not change what any group renders)\n", refresh.Stdout);
    }

    private static Task<CliResult> Run(HubScenario scenario, params string[] args) => CliRunner.RunAsync(CliRunner.Environment(scenario.Hub), args);
}
