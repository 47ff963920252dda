using System.Text.Json;
using System.Text.RegularExpressions;
using FleetOps.Shared.Api;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Cli.Tests.Changing;

/// <summary>
/// <c>fleetops label</c>: the registry's labels, which move a cluster between groups whatever its agent says. A hub of
/// its own: moving stores in and out of pos-east and pos-west would change the counts other tests wait for.
/// </summary>
public sealed class LabelCommandTests : IAsyncLifetime
{
    private HubScenario fleet = null!;

    public async Task InitializeAsync() => fleet = await HubScenario.StartAsync();

    public async Task DisposeAsync() => await fleet.DisposeAsync();

    private CliEnvironment Env => CliRunner.Environment(fleet.Hub);

    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(Env, args);

    [Fact]
    public async Task LabelSetsAndRemovesAndMovesTheClusterBetweenGroups()
    {
        var agent = await fleet.AddAgentAsync("store-lab-1", Labels(("region", "east"), ("ring", "canary")));
        await agent.WaitForDesiredAsync(d => d.Groups.Any(g => g.Name == "pos-east"), "east membership");

        var result = await RunAsync("label", "store-lab-1", "region=west", "ring-");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("store-lab-1 labels: region=west\n" +
            "its agent reports: region=east,ring=canary (facts: the registry's labels select groups)\n" +
            "its groups follow them: fleetops cluster store-lab-1\n", result.Stdout);
        var moved = await agent.WaitForDesiredAsync(d => d.Groups.Any(g => g.Name == "pos-west"), "west membership");
        Assert.DoesNotContain(moved.Groups, g => g.Name == "pos-east");

        var shown = await RunAsync("cluster", "store-lab-1");
        Assert.Matches($@"\n *labels +region=west \(changed by {Regex.Escape(Env.Actor)} \d+s ago\)\n", shown.Stdout);
        Assert.Matches(@"\n *agent labels +region=east,ring=canary \(facts: the registry's labels select groups\)\n", shown.Stdout);
        var json = JsonSerializer.Deserialize((await RunAsync("cluster", "store-lab-1", "-o", "json")).Stdout, ApiJsonContext.Default.ClusterDetail)!;
        Assert.Equal(["region"], json.Labels.Keys);
        Assert.Equal("canary", json.LabelInfo!.AgentLabels["ring"]);
        Assert.Contains(json.Groups, g => g.Name == "pos-west");
        Assert.DoesNotContain(json.Groups, g => g.Name == "pos-east");
    }

    [Fact]
    public async Task LabelAsJsonAnswersTheClustersLabels()
    {
        await fleet.AddAgentAsync("store-lab-2", Labels(("region", "east")));

        var result = await RunAsync("label", "store-lab-2", "ring=stable", "-o", "json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var labels = JsonSerializer.Deserialize(result.Stdout, ApiJsonContext.Default.ClusterLabels)!;
        Assert.Equal(new Dictionary<string, string> { ["region"] = "east", ["ring"] = "stable" }, labels.Labels.OrderBy(l => l.Key).ToDictionary());
        Assert.Equal(Env.Actor, labels.ChangedBy);
    }

    [Theory]
    [InlineData("store-lab-3a", "../../etc=x", "the key is not valid")]
    [InlineData("store-lab-3b", "ring", "'ring' is neither key=value (to set) nor key- (to remove)")]
    [InlineData("store-lab-3c", "ring=a ring-", "label 'ring' is both set and removed; give one")]
    [InlineData("store-lab-3d", "bad/key/x-", "cannot remove 'bad/key/x-'")]
    public async Task ABadChangeIsAUsageErrorAndChangesNothing(string id, string changes, string says)
    {
        await fleet.AddAgentAsync(id, Labels(("region", "east")));

        var result = await RunAsync(["label", id, .. changes.Split(' ')]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(says, result.Stderr);
        var json = JsonSerializer.Deserialize((await RunAsync("cluster", id, "-o", "json")).Stdout, ApiJsonContext.Default.ClusterDetail)!;
        Assert.Equal(["region"], json.Labels.Keys);
    }

    [Fact]
    public async Task LabellingAnUnknownClusterNamesTheNearestOnes()
    {
        await fleet.AddAgentAsync("store-lab-4", Labels(("region", "east")));

        var result = await RunAsync("label", "store-lab-44", "ring=a");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("did you mean", result.Stderr);
        Assert.Contains("store-lab-4", result.Stderr);
    }

    [Fact]
    public async Task TheHubsRefusalOfTooManyLabelsIsAUsageErrorWithAHint()
    {
        await fleet.AddAgentAsync("store-lab-5", Labels(("region", "east")));
        var many = Enumerable.Range(0, 64).Select(i => $"k{i}=v").ToArray();

        var result = await RunAsync(["label", "store-lab-5", .. many]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("a cluster has at most 64 labels, not 65", result.Stderr);
        Assert.Contains("hint: fleetops cluster store-lab-5 shows its labels now", result.Stderr);
        await Eventually.UntilAsync(async () => (await RunAsync("cluster", "store-lab-5")).Stdout.Contains("region=east"), "the labels are unchanged");
    }
}
