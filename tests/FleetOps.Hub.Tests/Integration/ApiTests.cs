using System.Net;
using System.Net.Http.Json;
using FleetOps.Hub.Tests.Harness;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using static FleetOps.Hub.Tests.Harness.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>The HTTP API's contract: authentication, problem answers, filters, paging and field names.</summary>
public sealed class ApiTests : IAsyncLifetime
{
    private HubScenario scenario = null!;

    private HttpClient Http => scenario.Hub.Api.Http;

    public async Task InitializeAsync()
    {
        scenario = await StartAsync();
        foreach (var (id, region) in new[] { ("store-0003", "east"), ("store-0001", "west"), ("store-0002", "east"), ("store-0010", "north") })
            await scenario.Hub.Api.RegisterAsync(id, Labels(("region", region), ("ring", id == "store-0002" ? "canary" : "stable")));
        // The listing learns labels and groups from one-way reports, a moment after registration.
        await Eventually.UntilAsync(async () => (await scenario.Hub.Api.ClustersAsync("?group=platform")).Total == 4, "all four are listed");
    }

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task EverythingButHealthAndReadinessNeedsTheAdminToken()
    {
        using var anonymous = new HttpClient { BaseAddress = Http.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
        foreach (var path in new[] { "/api/v1/fleet", "/api/v1/groups", "/api/v1/clusters", "/metrics" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/refresh", null)).StatusCode);

        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/fleet")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownClusterIsA404NamingTheNearestIds()
    {
        var response = await Http.GetAsync("/api/v1/clusters/store-0004");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ApiProblem))!;
        Assert.Equal(404, problem.Status);
        Assert.Contains("store-0004", problem.Detail);
        Assert.Contains("did you mean 'store-0001', 'store-0002', 'store-0003'?", problem.Detail);
        Assert.Equal(["store-0001", "store-0002", "store-0003"], problem.Nearest);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/v1/clusters/store-0004/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/v1/groups/pos-est")).StatusCode);
    }

    [Fact]
    public async Task ConcurrentRegistrationsOfOneIdHaveOneWinnerWhoseLabelsStand()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Http.PostAsJsonAsync("/api/v1/clusters",
            new RegisterClusterRequest("store-race", new Dictionary<string, string> { ["attempt"] = $"a{i}" }), ApiJsonContext.Default.RegisterClusterRequest)));

        var won = Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(attempts.Where(r => r != won), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var winner = (await won.Content.ReadFromJsonAsync(ApiJsonContext.Default.RegisterClusterResponse))!;
        var detail = (await scenario.Hub.Api.ClusterAsync("store-race"))!;
        Assert.Equal(winner.Labels, detail.Labels);
    }

    [Fact]
    public async Task ABadSelectorIsA400WithTheParsersMessage()
    {
        var response = await Http.GetAsync("/api/v1/clusters?selector=region%20in%20(east");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ApiProblem))!;
        Assert.Contains("selector 'region in (east'", problem.Detail);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync("/api/v1/clusters?phase=Happy")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync("/api/v1/clusters?staleFor=soon")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync("/api/v1/clusters?pageSize=0")).StatusCode);
    }

    [Fact]
    public async Task ClustersAreFilteredBySelectorGroupAndPhaseAndPagedInIdOrder()
    {
        var east = await scenario.Hub.Api.ClustersAsync("?selector=region%3Deast,ring!%3Dcanary");
        Assert.Equal(["store-0003"], east.Items.Select(c => c.Id));

        var unknown = await scenario.Hub.Api.ClustersAsync("?phase=Unknown&group=platform");
        Assert.Equal(4, unknown.Total);

        var first = await scenario.Hub.Api.ClustersAsync("?pageSize=3&page=1");
        var second = await scenario.Hub.Api.ClustersAsync("?pageSize=3&page=2");
        Assert.Equal(["store-0001", "store-0002", "store-0003"], first.Items.Select(c => c.Id));
        Assert.Equal(["store-0010"], second.Items.Select(c => c.Id));
        Assert.Equal(4, second.Total);
        Assert.Equal(["platform"], second.Items[0].Groups);
    }

    [Fact]
    public async Task RegistrationRefusesInvalidIdsAndDuplicatesAndShowsTheTokenOnlyOnce()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.PostAsJsonAsync("/api/v1/clusters", new RegisterClusterRequest("Store_1", null), ApiJsonContext.Default.RegisterClusterRequest)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Http.PostAsJsonAsync("/api/v1/clusters", new RegisterClusterRequest("store-0001", null), ApiJsonContext.Default.RegisterClusterRequest)).StatusCode);

        var created = await scenario.Hub.Api.RegisterAsync("store-0100", Labels(("region", "east")));
        Assert.StartsWith("fot_", created.Token);
        var detail = await Http.GetStringAsync("/api/v1/clusters/store-0100");
        Assert.DoesNotContain(created.Token, detail);
        Assert.DoesNotContain(created.Token, await File.ReadAllTextAsync(Path.Combine(scenario.DataDir, "hub.db")).ContinueWith(t => t.IsFaulted ? "" : t.Result));
    }

    [Fact]
    public async Task TheFleetViewHasWhatFleetopsStatusShows()
    {
        var json = await Http.GetStringAsync("/api/v1/fleet");
        foreach (var field in new[] { "\"source\":", "\"commit\":", "\"sha\":", "\"subject\":\"Initial fleet\"", "\"time\":", "\"errors\":[]", "\"groups\":",
                     "\"target\":", "\"digest\":\"sha256:", "\"members\":", "\"converged\":", "\"offline\":", "\"unknown\":", "\"clusters\":" })
            Assert.Contains(field, json);

        var fleet = await scenario.Hub.Api.FleetAsync();
        Assert.Equal(["platform", "pos-east", "pos-west"], fleet.Groups.Select(g => g.Name));
        Assert.Equal(4, fleet.Clusters.Unknown);
        await Eventually.UntilAsync(async () => (await scenario.Hub.Api.FleetAsync()).Groups.Single(g => g.Name == "pos-east").Members.Unknown == 2,
            "pos-east counts its two members");
        Assert.Equal("region=east", fleet.Groups.Single(g => g.Name == "pos-east").Selector);
        Assert.NotNull(fleet.Source.LastFetchSeconds);
    }

    [Fact]
    public async Task MetricsAreInPrometheusTextFormat()
    {
        var response = await Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("fleetops_hub_clusters{phase=\"Unknown\"} 4", text);
        Assert.Contains("# TYPE fleetops_hub_messages_in_total counter", text);
        // The exporter writes an unlabelled series with empty braces, which Prometheus reads as the bare name.
        Assert.Matches(@"fleetops_hub_git_fetch_seconds_count(\{\})? [1-9]", text);
        Assert.Matches(@"fleetops_hub_render_seconds_count(\{\})? [1-9]", text);
        Assert.Contains("fleetops_hub_messages_out_total{kind=\"desired\"}", text);
    }
}
