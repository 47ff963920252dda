using FleetOps.Cli.Tests.Harness;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Files;
using FleetOps.Testing.Network;

namespace FleetOps.Cli.Tests.Errors;

/// <summary>Errors say what went wrong and what to do about it, with the hub's own words where it has them.</summary>
[Collection(SeededFleetCollection.Name)]
public sealed class ActionableErrorTests(SeededFleet fleet)
{
    [Fact]
    public async Task AnUnknownClusterNamesTheNearestIds()
    {
        var result = await fleet.RunAsync("cluster", "store-003");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.StartsWith("error: there is no registered cluster 'store-003' (did you mean 'store-0003', ", result.Stderr);
        Assert.Contains("hint: fleetops clusters lists registered clusters", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task HistoryOfAnUnknownClusterIsTheSameError()
    {
        var result = await fleet.RunAsync("history", "store-0013");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("there is no registered cluster 'store-0013' (did you mean 'store-0003', 'store-0010', 'store-0011'?)", result.Stderr);
    }

    [Fact]
    public async Task AnUnknownGroupNamesTheNearestGroups()
    {
        var result = await fleet.RunAsync("group", "pos-eats");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("there is no group 'pos-eats' in fleet.yaml (did you mean 'pos-east'", result.Stderr);
        Assert.Contains("hint: fleetops groups lists the groups", result.Stderr);
    }

    [Fact]
    public async Task ABadSelectorShowsTheHubsMessage()
    {
        var result = await fleet.RunAsync("clusters", "-l", "region in east");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: invalid selector: ", result.Stderr);
        Assert.Contains("hint: selectors take the kubectl form", result.Stderr);
    }

    [Fact]
    public async Task WithoutATokenTheErrorSaysHowToGiveOneAndWhereTheHubKeepsIt()
    {
        var env = CliRunner.Environment(variables: new Dictionary<string, string> { ["FLEETOPS_HUB"] = fleet.Hub.ApiAddress.ToString() });

        var result = await CliRunner.RunAsync(env, "status");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("needs its API token, and none was given", result.Stderr);
        Assert.Contains("FLEETOPS_TOKEN=<token>", result.Stderr);
        Assert.Contains("config.json", result.Stderr);
        Assert.Contains("admin-token", result.Stderr);
    }

    [Fact]
    public async Task ARefusedTokenNamesWhereItCameFrom()
    {
        using var folder = new TempDir("fleetops-cli-token");
        var config = folder.Sub("config.json");
        File.WriteAllText(config, $$"""{"hub": "{{fleet.Hub.ApiAddress}}", "token": "not-the-token"}""");

        var result = await CliRunner.RunAsync(CliRunner.Environment(), "groups", "--config", config);

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains($"refused the API token from \"token\" in {config}", result.Stderr);
    }

    [Fact]
    public async Task AnUnreachableHubNamesTheUrlWhereItCameFromAndWhatToCheck()
    {
        var closed = $"http://127.0.0.1:{FreePort.Next()}";

        var result = await CliRunner.RunAsync(CliRunner.Environment(), "status", "--hub", closed);

        Assert.Equal(ExitCodes.HubUnreachable, result.ExitCode);
        Assert.StartsWith($"error: cannot reach the hub at {closed}: Connection refused", result.Stderr);
        Assert.Contains("is fleetops-hub running", result.Stderr);
        Assert.Contains("the URL came from --hub", result.Stderr);
    }

    [Fact]
    public async Task AServerThatIsNotTheHubIsSaidToBeSo()
    {
        // A path below the hub has no API routes: as a URL pointing at the wrong server or prefix would.
        var result = await fleet.RunAsync("status", "--hub", new Uri(fleet.Hub.ApiAddress, "elsewhere").ToString());

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("/elsewhere/api/v1/fleet is not the FleetOps hub API: HTTP 404", result.Stderr);
    }
}
