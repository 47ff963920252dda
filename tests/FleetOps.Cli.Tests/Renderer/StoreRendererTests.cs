using FleetOps.Cli.Tests.Harness;
using FleetOps.Testing.Polling;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Cli.Tests.Renderer;

/// <summary><c>fleetops cluster ID</c> shows the kustomize a store renders with, as its agent said in its hello.</summary>
[Collection(ScratchFleetCollection.Name)]
public sealed class StoreRendererTests(ScratchFleet fleet)
{
    [Fact]
    public async Task AStoresRendererIsShownAndAnUnusableOneSaysWhy()
    {
        var agent = await fleet.AddAgentAsync("store-renderer", Labels(("region", "east")));
        var old = "none: no kustomize tool is new enough: /usr/bin/kubectl is kubectl v1.20.15 with kustomize v2.0.3. FleetOps needs kustomize v5";
        await agent.SayHelloAsync(Labels(("region", "east")), renderer: old);

        var result = await Eventually.ValueAsync(() => fleet.RunAsync("cluster", "store-renderer"), r => r.Stdout.Split('\n').Any(l => l.StartsWith("renderer ", StringComparison.Ordinal)), "the store's renderer is shown");

        Assert.Equal(0, result.ExitCode);
        // Read as one line: a narrow terminal wraps the fact's value under itself.
        var flat = System.Text.RegularExpressions.Regex.Replace(result.Stdout, @"\s+", " ");
        Assert.Contains($"renderer {old}", flat);
        var agentLine = result.Stdout.Split('\n').ToList().FindIndex(l => l.StartsWith("agent", StringComparison.Ordinal));
        Assert.Equal(agentLine + 1, result.Stdout.Split('\n').ToList().FindIndex(l => l.StartsWith("renderer", StringComparison.Ordinal)));
    }
}
