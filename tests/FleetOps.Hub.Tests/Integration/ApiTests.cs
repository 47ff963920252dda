using System.Net;
using System.Net.Http.Json;
using FleetOps.Cli.Client;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>The HTTP API's contract: authentication, problem answers, filters, paging and field names.</summary>
public sealed class ApiTests : IAsyncLifetime
{
    private HubScenario scenario = null!;
    private HttpClient http = null!;

    private HubClient Client => scenario.Hub.Client;

    public async Task InitializeAsync()
    {
        scenario = await StartAsync();
        http = scenario.Hub.CreateHttpClient();
        foreach (var (id, region) in new[] { ("store-0003", "east"), ("store-0001", "west"), ("store-0002", "east"), ("store-0010", "north") })
            await Client.RegisterAsync(new RegisterClusterRequest(id, Labels(("region", region), ("ring", id == "store-0002" ? "canary" : "stable"))), default);
        // The listing learns labels and groups from one-way reports, a moment after registration.
        await Eventually.UntilAsync(async () => (await scenario.ClustersAsync(ClusterFilter.None with { Group = "platform" })).Total == 4, "all four are listed");
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await scenario.DisposeAsync();
    }

    [Fact]
    public async Task EverythingButHealthAndReadinessNeedsTheAdminToken()
    {
        using var anonymous = new HttpClient { BaseAddress = http.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
        foreach (var path in new[] { "/api/v1/fleet", "/api/v1/groups", "/api/v1/clusters", "/api/v1/broker", "/api/v1/broker/ca", "/metrics" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/refresh", null)).StatusCode);

        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/fleet")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/broker/ca")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/broker/ca")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownClusterIsA404NamingTheNearestIds()
    {
        var response = await http.GetAsync("/api/v1/clusters/store-0004");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ApiProblem))!;
        Assert.Equal(404, problem.Status);
        Assert.Contains("store-0004", problem.Detail);
        Assert.Contains("did you mean 'store-0001', 'store-0002', 'store-0003'?", problem.Detail);
        Assert.Equal(["store-0001", "store-0002", "store-0003"], problem.Nearest);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/clusters/store-0004/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/groups/pos-est")).StatusCode);
    }

    [Fact]
    public async Task ConcurrentRegistrationsOfOneIdHaveOneWinnerWhoseLabelsStand()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => http.PostAsJsonAsync("/api/v1/clusters",
            new RegisterClusterRequest("store-race", new Dictionary<string, string> { ["attempt"] = $"a{i}" }), ApiJsonContext.Default.RegisterClusterRequest)));

        var won = Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(attempts.Where(r => r != won), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var winner = (await won.Content.ReadFromJsonAsync(ApiJsonContext.Default.RegisterClusterResponse))!;
        var detail = await Client.GetClusterAsync("store-race", default);
        Assert.Equal(winner.Labels, detail.Labels);
    }

    [Fact]
    public async Task ABadSelectorIsA400WithTheParsersMessage()
    {
        var response = await http.GetAsync("/api/v1/clusters?selector=region%20in%20(east");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ApiProblem))!;
        Assert.Contains("selector 'region in (east'", problem.Detail);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/v1/clusters?phase=Happy")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/v1/clusters?staleFor=soon")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/v1/clusters?pageSize=0")).StatusCode);
    }

    [Fact]
    public async Task ClustersAreFilteredBySelectorGroupAndPhaseAndPagedInIdOrder()
    {
        var east = await scenario.ClustersAsync(ClusterFilter.None with { Selector = "region=east,ring!=canary" });
        Assert.Equal(["store-0003"], east.Items.Select(c => c.Id));

        // Phase names are read case-insensitively.
        var unknown = await http.GetFromJsonAsync("/api/v1/clusters?phase=unknown&group=platform", ApiJsonContext.Default.ClusterPage);
        Assert.Equal(4, unknown!.Total);

        var first = await Client.GetClustersAsync(ClusterFilter.None, 1, 3, default);
        var second = await Client.GetClustersAsync(ClusterFilter.None, 2, 3, default);
        Assert.Equal(["store-0001", "store-0002", "store-0003"], first.Items.Select(c => c.Id));
        Assert.Equal(["store-0010"], second.Items.Select(c => c.Id));
        Assert.Equal(4, second.Total);
        Assert.Equal(["platform"], second.Items[0].Groups);
    }

    [Fact]
    public async Task RegistrationRefusesInvalidIdsAndDuplicatesAndShowsTheTokenOnlyOnce()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("/api/v1/clusters", new RegisterClusterRequest("Store_1", null), ApiJsonContext.Default.RegisterClusterRequest)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsJsonAsync("/api/v1/clusters", new RegisterClusterRequest("store-0001", null), ApiJsonContext.Default.RegisterClusterRequest)).StatusCode);

        var created = await Client.RegisterAsync(new RegisterClusterRequest("store-0100", Labels(("region", "east"))), default);
        Assert.StartsWith("fot_", created.Token);
        var detail = await http.GetStringAsync("/api/v1/clusters/store-0100");
        Assert.DoesNotContain(created.Token, detail);
        Assert.DoesNotContain(created.Token, await File.ReadAllTextAsync(Path.Combine(scenario.DataDir, "hub.db")).ContinueWith(t => t.IsFaulted ? "" : t.Result));
    }

    [Fact]
    public async Task TheFleetViewHasWhatFleetopsStatusShows()
    {
        var json = await http.GetStringAsync("/api/v1/fleet");
        foreach (var field in new[] { "\"source\":", "\"commit\":", "\"sha\":", "\"subject\":\"Initial fleet\"", "\"time\":", "\"errors\":[]", "\"groups\":",
                     "\"target\":", "\"digest\":\"sha256:", "\"members\":", "\"converged\":", "\"offline\":", "\"unknown\":", "\"clusters\":" })
            Assert.Contains(field, json);

        var fleet = await Client.GetFleetAsync(default);
        Assert.Equal(["platform", "pos-east", "pos-west"], fleet.Groups.Select(g => g.Name));
        Assert.Equal(4, fleet.Clusters.Unknown);
        await Eventually.UntilAsync(async () => (await Client.GetFleetAsync(default)).Groups.Single(g => g.Name == "pos-east").Members.Unknown == 2,
            "pos-east counts its two members");
        Assert.Equal("region=east", fleet.Groups.Single(g => g.Name == "pos-east").Selector);
        Assert.NotNull(fleet.Source.LastFetchSeconds);
    }

    [Fact]
    public async Task MetricsAreInPrometheusTextFormat()
    {
        var response = await http.GetAsync("/metrics");
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
