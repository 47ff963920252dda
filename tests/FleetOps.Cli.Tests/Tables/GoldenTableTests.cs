using FleetOps.Cli.Tests.Harness;
using FleetOps.Testing.Cli;

namespace FleetOps.Cli.Tests.Tables;

/// <summary>The table layouts at 120 columns against the seeded fleet, compared with golden files exactly.</summary>
[Collection(SeededFleetCollection.Name)]
public sealed class GoldenTableTests(SeededFleet fleet)
{
    [Theory]
    [InlineData("status.txt", new[] { "status" })]
    [InlineData("status-wide.txt", new[] { "status", "-o", "wide" })]
    [InlineData("groups.txt", new[] { "groups" })]
    [InlineData("groups-wide.txt", new[] { "groups", "-o", "wide" })]
    [InlineData("group-pos-east.txt", new[] { "group", "pos-east" })]
    [InlineData("group-pos-west-wide.txt", new[] { "group", "pos-west", "-o", "wide" })]
    [InlineData("clusters.txt", new[] { "clusters" })]
    [InlineData("clusters-wide.txt", new[] { "clusters", "-o", "wide" })]
    [InlineData("clusters-page-2.txt", new[] { "clusters", "--page-size", "5", "--page", "2", "-l", "region in (east,west)" })]
    [InlineData("cluster-store-0003.txt", new[] { "cluster", "store-0003" })]
    [InlineData("cluster-store-0004.txt", new[] { "cluster", "store-0004" })]
    [InlineData("cluster-store-0009-wide.txt", new[] { "cluster", "store-0009", "-o", "wide" })]
    [InlineData("history-store-0003.txt", new[] { "history", "store-0003", "--since", "2026-11-16" })]
    public async Task TableMatchesItsGoldenFile(string golden, string[] args)
    {
        var result = await fleet.RunAsync(args);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("", result.Stderr);
        Golden.Match(golden, result.Stdout);
    }

    [Theory]
    [InlineData("status-80.txt", new[] { "status" })]
    [InlineData("group-pos-east-80.txt", new[] { "group", "pos-east" })]
    public async Task OnAnEightyColumnTerminalTablesStillFit(string golden, string[] args)
    {
        var result = await CliRunner.RunAsync(fleet.Env with { Width = 80 }, args);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.All(result.Stdout.Split('\n'), line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Golden.Match(golden, result.Stdout);
    }
}
