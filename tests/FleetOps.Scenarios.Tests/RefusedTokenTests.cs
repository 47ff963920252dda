using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Contracts;

namespace FleetOps.Scenarios.Tests;

/// <summary>Scenario f: a store with a wrong token is refused by the broker and never counted as converged.</summary>
public sealed class RefusedTokenTests
{
    [Fact]
    public async Task AStoreWithAWrongTokenIsRefusedAndNeverShownConverged()
    {
        var misconfigured = Stores.East("store-bad") with { TokenOverride = "not-the-token-the-hub-issued" };
        await using var fleet = await ScenarioFleet.StartAsync([Stores.East("store-good"), misconfigured]);

        await ScenarioFleet.EventuallyAsync(async () => await RefusedClientsAsync(fleet) > 0, "the broker to refuse the wrong token");
        var head = fleet.Repository.Head;
        await fleet.WaitConvergedAsync("pos-east", head, ["store-good"]);
        // The misconfigured store keeps retrying meanwhile; give it a few more refusals to prove it never got in.
        var refused = await RefusedClientsAsync(fleet);
        await ScenarioFleet.EventuallyAsync(async () => await RefusedClientsAsync(fleet) > refused, "another refused attempt");

        var detail = await fleet.ClusterAsync("store-bad");
        Assert.Equal(Phase.Unknown, detail.Phase);
        Assert.Null(detail.LastSeen);
        var group = await fleet.CliJsonAsync(Shared.Api.ApiJsonContext.Default.GroupDetail, "group", "pos-east");
        Assert.Equal(Phase.Unknown, group.Members.Single(m => m.ClusterId == "store-bad").Phase);
        Assert.Null(fleet.Fleet["store-bad"].Cluster.Get("apps/v1", "Deployment", "pos", "pos-api"));
        var wait = await fleet.CliAsync("wait", "--group", "pos-east", "--min-converged", "100%", "--timeout", "2s");
        Assert.Equal(4, wait.ExitCode);
        Assert.Contains("store-bad", wait.Stdout + wait.Stderr);
    }

    private static async Task<double> RefusedClientsAsync(ScenarioFleet fleet)
    {
        using var http = fleet.Hub.CreateHttpClient();
        var metrics = await http.GetStringAsync("metrics");
        return metrics.Split('\n')
            .Where(l => l.StartsWith("fleetops_hub_refused_clients_total", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
