using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FleetOps.Shared.Api;

namespace FleetOps.Hub.Tests.Harness;

/// <summary>The hub's HTTP API as a test (or the benchmark) uses it, reading the shared API records.</summary>
public sealed class HubApi : IDisposable
{
    private readonly HttpClient http;

    public HubApi(Uri baseAddress, string adminToken)
    {
        http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
    }

    public HttpClient Http => http;

    public async Task<bool> IsReadyAsync() => (await http.GetAsync("/readyz")).IsSuccessStatusCode;

    public async Task<RegisterClusterResponse> RegisterAsync(string id, IReadOnlyDictionary<string, string>? labels = null)
    {
        var response = await http.PostAsJsonAsync("/api/v1/clusters", new RegisterClusterRequest(id, labels), ApiJsonContext.Default.RegisterClusterRequest);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.RegisterClusterResponse))!;
    }

    public async Task<RefreshResult> RefreshAsync()
    {
        var response = await http.PostAsync("/api/v1/refresh", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.RefreshResult))!;
    }

    public async Task<FleetView> FleetAsync() => (await http.GetFromJsonAsync("/api/v1/fleet", ApiJsonContext.Default.FleetView))!;

    public async Task<GroupDetail> GroupAsync(string name) => (await http.GetFromJsonAsync($"/api/v1/groups/{name}", ApiJsonContext.Default.GroupDetail))!;

    public async Task<ClusterDetail?> ClusterAsync(string id)
    {
        var response = await http.GetAsync($"/api/v1/clusters/{id}");
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ClusterDetail);
    }

    public async Task<ClusterPage> ClustersAsync(string query = "") =>
        (await http.GetFromJsonAsync($"/api/v1/clusters{query}", ApiJsonContext.Default.ClusterPage))!;

    public async Task<HistoryPage> HistoryAsync(string id, string query = "") =>
        (await http.GetFromJsonAsync($"/api/v1/clusters/{id}/history{query}", ApiJsonContext.Default.HistoryPage))!;

    public async Task<string> MetricsAsync() => await http.GetStringAsync("/metrics");

    public void Dispose() => http.Dispose();
}
