using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FleetOps.Cli.Output;
using FleetOps.Cli.Tests.Harness;
using FleetOps.Shared.Api;

namespace FleetOps.Cli.Tests.Json;

/// <summary>
/// <c>-o json</c> is the hub's API records as the shared context writes them, indented: what the API
/// returned, complete, so a script reads the same field names as the API and never parses a table.
/// </summary>
[Collection(SeededFleetCollection.Name)]
public sealed class JsonOutputTests(SeededFleet fleet)
{
    [Fact]
    public async Task StatusIsTheFleetViewAsTheApiReturnsIt()
    {
        var result = await fleet.RunAsync("status", "-o", "json");
        using var http = fleet.Hub.CreateHttpClient();
        var api = await http.GetStringAsync("api/v1/fleet");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(AsTheCliWrites(api, ApiJsonContext.Default.FleetView, JsonOutput.Api.FleetView), result.Stdout);
        var parsed = JsonSerializer.Deserialize(result.Stdout, ApiJsonContext.Default.FleetView)!;
        Assert.Equal(2, parsed.Errors.Count);
        Assert.Equal(fleet.Printer, parsed.Commit!.Sha);
    }

    [Theory]
    [InlineData("api/v1/groups", "groups")]
    [InlineData("api/v1/groups/pos-east", "group", "pos-east")]
    [InlineData("api/v1/clusters/store-0003", "cluster", "store-0003")]
    [InlineData("api/v1/clusters?phase=Degraded&page=1&pageSize=100", "clusters", "--phase", "degraded")]
    [InlineData("api/v1/clusters/store-0003/history?since=2026-11-16T00%3A00%3A00.0000000%2B00%3A00&limit=1000", "history", "store-0003", "--since", "2026-11-16")]
    public async Task EveryReadIsTheApiRecordIndented(string apiPath, params string[] args)
    {
        var result = await fleet.RunAsync([.. args, "-o", "json"]);
        using var http = fleet.Hub.CreateHttpClient();
        var api = await http.GetStringAsync(apiPath);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("\n  ", result.Stdout);
        Assert.Equal(args[0] switch
        {
            "groups" => AsTheCliWrites(api, ApiJsonContext.Default.IReadOnlyListGroupView, JsonOutput.Api.IReadOnlyListGroupView),
            "group" => AsTheCliWrites(api, ApiJsonContext.Default.GroupDetail, JsonOutput.Api.GroupDetail),
            "cluster" => AsTheCliWrites(api, ApiJsonContext.Default.ClusterDetail, JsonOutput.Api.ClusterDetail),
            "clusters" => AsTheCliWrites(api, ApiJsonContext.Default.ClusterPage, JsonOutput.Api.ClusterPage),
            _ => AsTheCliWrites(api, ApiJsonContext.Default.HistoryPage, JsonOutput.Api.HistoryPage),
        }, result.Stdout);
    }

    [Fact]
    public async Task AllClustersComeAsOnePageHoldingEveryMatch()
    {
        var result = await fleet.RunAsync("clusters", "--all", "-o", "json");

        var page = JsonSerializer.Deserialize(result.Stdout, ApiJsonContext.Default.ClusterPage)!;
        Assert.Equal(12, page.Total);
        Assert.Equal(12, page.Items.Count);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"store-{i:0000}"), page.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task JsonUsesTheApisNamesAndEnumWords()
    {
        var result = await fleet.RunAsync("cluster", "store-0004", "-o", "json");

        using var document = JsonDocument.Parse(result.Stdout);
        Assert.Equal("Offline", document.RootElement.GetProperty("phase").GetString());
        Assert.Equal("Converged", document.RootElement.GetProperty("lastPhase").GetString());
        Assert.All(document.RootElement.GetProperty("groups").EnumerateArray(), g => Assert.Equal("Converged", g.GetProperty("lastPhase").GetString()));
        Assert.Equal("offline", document.RootElement.GetProperty("presence").GetProperty("state").GetString());
        Assert.StartsWith("{\n  \"id\": \"store-0004\",", result.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task JsonListsAnOfflineClustersLastPhaseAndEachMembersReason()
    {
        var clusters = await fleet.RunAsync("clusters", "--phase", "offline", "-o", "json");
        var group = await fleet.RunAsync("group", "pos-east", "-o", "json");

        using var page = JsonDocument.Parse(clusters.Stdout);
        var offline = Assert.Single(page.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(("store-0004", "Offline", "Converged"),
            (offline.GetProperty("id").GetString(), offline.GetProperty("phase").GetString(), offline.GetProperty("lastPhase").GetString()));
        using var detail = JsonDocument.Parse(group.Stdout);
        var degraded = detail.RootElement.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("clusterId").GetString() == "store-0003");
        Assert.Equal("HealthCheckFailed", degraded.GetProperty("reason").GetString());
        Assert.StartsWith("1 of 2 objects not healthy", degraded.GetProperty("message").GetString());
    }

    /// <summary>The API's answer read into the shared records and written back indented: what -o json must print.</summary>
    private static string AsTheCliWrites<T>(string api, JsonTypeInfo<T> read, JsonTypeInfo<T> write) =>
        JsonSerializer.Serialize(JsonSerializer.Deserialize(api, read)!, write) + "\n";
}
