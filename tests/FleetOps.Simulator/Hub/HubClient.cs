using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FleetOps.Shared.Api;

namespace FleetOps.Simulator.Hub;

/// <summary>The few hub API calls the simulator makes: readiness, registration, fleet view, refresh.</summary>
public sealed class HubClient : IDisposable
{
    private readonly HttpClient http;

    public HubClient(Uri apiAddress, string adminToken)
    {
        http = new HttpClient { BaseAddress = apiAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await http.GetAsync("readyz", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Registers a store and returns its token; a store registered before gets a fresh token instead.</summary>
    public async Task<string> RegisterAsync(string id, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/v1/clusters", new RegisterClusterRequest(id, labels), ApiJsonContext.Default.RegisterClusterRequest, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
            return await ReplaceTokenAsync(id, cancellationToken);
        return (await ReadAsync(response, ApiJsonContext.Default.RegisterClusterResponse, cancellationToken)).Token;
    }

    public async Task<string> ReplaceTokenAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync($"api/v1/clusters/{id}/token", null, cancellationToken);
        return (await ReadAsync(response, ApiJsonContext.Default.RegisterClusterResponse, cancellationToken)).Token;
    }

    public async Task<FleetView> GetFleetAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync("api/v1/fleet", cancellationToken);
        return await ReadAsync(response, ApiJsonContext.Default.FleetView, cancellationToken);
    }

    public async Task<ClusterDetail> GetClusterAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"api/v1/clusters/{id}", cancellationToken);
        return await ReadAsync(response, ApiJsonContext.Default.ClusterDetail, cancellationToken);
    }

    public async Task<RefreshResult> RefreshAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync("api/v1/refresh", null, cancellationToken);
        return await ReadAsync(response, ApiJsonContext.Default.RefreshResult, cancellationToken);
    }

    public void Dispose() => http.Dispose();

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }
        return await response.Content.ReadFromJsonAsync(type, cancellationToken)
            ?? throw new HttpRequestException($"{response.RequestMessage?.RequestUri} answered an empty body");
    }
}
