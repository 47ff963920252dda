using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FleetOps.Cli.Configuration;
using FleetOps.Shared.Api;

namespace FleetOps.Cli.Client;

/// <summary>
/// The hub's HTTP API (<c>/api/v1</c>) read into the shared API records. Every failure leaves here as a
/// <see cref="CliException"/> that says what to do: unreachable (exit 3), refused token, problem answers.
/// </summary>
public sealed class HubClient(HttpClient http, HubConnection connection) : IDisposable
{
    public HubConnection Connection => connection;

    public static HubClient Create(HubConnection connection, TimeSpan timeout)
    {
        var http = new HttpClient { BaseAddress = connection.BaseAddress, Timeout = timeout };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("fleetops", typeof(HubClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
        if (connection.Token is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", connection.Token);
        return new HubClient(http, connection);
    }

    public Task<FleetView> GetFleetAsync(CancellationToken ct) =>
        SendAsync(HttpMethod.Get, "api/v1/fleet", null, ApiJsonContext.Default.FleetView, ct);

    public Task<IReadOnlyList<GroupView>> GetGroupsAsync(CancellationToken ct) =>
        SendAsync(HttpMethod.Get, "api/v1/groups", null, ApiJsonContext.Default.IReadOnlyListGroupView, ct);

    public Task<GroupDetail> GetGroupAsync(string name, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"api/v1/groups/{Uri.EscapeDataString(name)}", null, ApiJsonContext.Default.GroupDetail, ct);

    public Task<ClusterPage> GetClustersAsync(ClusterFilter filter, int page, int pageSize, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, "api/v1/clusters" + Query(
            ("group", filter.Group), ("phase", filter.Phase?.ToString()), ("selector", filter.Selector), ("staleFor", filter.StaleFor),
            ("page", page.ToString(CultureInfo.InvariantCulture)), ("pageSize", pageSize.ToString(CultureInfo.InvariantCulture))),
            null, ApiJsonContext.Default.ClusterPage, ct);

    public Task<ClusterDetail> GetClusterAsync(string id, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"api/v1/clusters/{Uri.EscapeDataString(id)}", null, ApiJsonContext.Default.ClusterDetail, ct);

    public Task<HistoryPage> GetHistoryAsync(string id, DateTimeOffset? since, DateTimeOffset? until, int? limit, CancellationToken ct) =>
        GetHistoryAsync(id, since, until, null, limit, ct);

    /// <summary>A page of a cluster's journal: events after the seq <paramref name="after"/>, within the store's times given.</summary>
    public Task<HistoryPage> GetHistoryAsync(string id, DateTimeOffset? since, DateTimeOffset? until, long? after, int? limit, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"api/v1/clusters/{Uri.EscapeDataString(id)}/history" + Query(
            ("since", since?.ToString("O", CultureInfo.InvariantCulture)), ("until", until?.ToString("O", CultureInfo.InvariantCulture)),
            ("after", after?.ToString(CultureInfo.InvariantCulture)), ("limit", limit?.ToString(CultureInfo.InvariantCulture))),
            null, ApiJsonContext.Default.HistoryPage, ct);

    /// <summary>A page of journal events across the fleet, newest first.</summary>
    public Task<EventPage> GetEventsAsync(string? kind, string? group, DateTimeOffset since, DateTimeOffset? until, int page, int pageSize, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, "api/v1/events" + Query(
            ("kind", kind), ("group", group), ("since", since.ToString("O", CultureInfo.InvariantCulture)),
            ("until", until?.ToString("O", CultureInfo.InvariantCulture)),
            ("page", page.ToString(CultureInfo.InvariantCulture)), ("pageSize", pageSize.ToString(CultureInfo.InvariantCulture))),
            null, ApiJsonContext.Default.EventPage, ct);

    /// <summary>What each group (or one) owns on a store, from its agent's inventory as last reported.</summary>
    public Task<ClusterObjects> GetClusterObjectsAsync(string id, string? group, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"api/v1/clusters/{Uri.EscapeDataString(id)}/objects" + Query(("group", group)), null, ApiJsonContext.Default.ClusterObjects, ct);

    /// <summary>The stores that still hold a group they left (removed from fleet.yaml, or relabelled out).</summary>
    public Task<GroupRemovalView> GetGroupRemovalAsync(string group, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"api/v1/groups/{Uri.EscapeDataString(group)}/removal", null, ApiJsonContext.Default.GroupRemovalView, ct);

    public Task<RefreshResult> RefreshAsync(CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "api/v1/refresh", null, ApiJsonContext.Default.RefreshResult, ct);

    /// <summary>A commit as the hub's mirror knows it: whether the hub has been past it.</summary>
    public Task<RevisionView> GetRevisionAsync(string sha, string? target, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"api/v1/revisions/{Uri.EscapeDataString(sha)}" + Query(("target", target)), null, ApiJsonContext.Default.RevisionView, ct);

    public Task<RegisterClusterResponse> RegisterAsync(RegisterClusterRequest request, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "api/v1/clusters", JsonContent.Create(request, ApiJsonContext.Default.RegisterClusterRequest),
            ApiJsonContext.Default.RegisterClusterResponse, ct);

    public Task<RegisterClusterResponse> ReplaceTokenAsync(string id, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"api/v1/clusters/{Uri.EscapeDataString(id)}/token", null, ApiJsonContext.Default.RegisterClusterResponse, ct);

    public Task<BrokerInfo> GetBrokerAsync(CancellationToken ct) =>
        SendAsync(HttpMethod.Get, "api/v1/broker", null, ApiJsonContext.Default.BrokerInfo, ct);

    /// <summary>The hub's broker CA certificate, PEM, exactly as the hub keeps it.</summary>
    public async Task<string> GetBrokerCaAsync(CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, "api/v1/broker/ca", null, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    public Task<RolloutView> GetRolloutAsync(string group, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"api/v1/groups/{Uri.EscapeDataString(group)}/rollout", null, ApiJsonContext.Default.RolloutView, ct);

    /// <summary>POST .../rollout/{pause|resume|promote|abort}: the rollout as it stands after the action; a refusal is a 409 problem.</summary>
    public Task<RolloutView> ActOnRolloutAsync(string group, string action, RolloutAction request, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"api/v1/groups/{Uri.EscapeDataString(group)}/rollout/{Uri.EscapeDataString(action)}",
            JsonContent.Create(request, ApiJsonContext.Default.RolloutAction), ApiJsonContext.Default.RolloutView, ct);

    public Task<GroupHistory> GetGroupHistoryAsync(string group, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"api/v1/groups/{Uri.EscapeDataString(group)}/history", null, ApiJsonContext.Default.GroupHistory, ct);

    /// <summary>Holds a cluster's group at a revision; the answer carries the full revision the hub resolved.</summary>
    /// <summary>POST /api/v1/clusters/{id}/labels: the cluster's labels after the change; invalid labels are a 400 problem.</summary>
    public Task<ClusterLabels> RelabelAsync(string id, LabelRequest request, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"api/v1/clusters/{Uri.EscapeDataString(id)}/labels",
            JsonContent.Create(request, ApiJsonContext.Default.LabelRequest), ApiJsonContext.Default.ClusterLabels, ct);

    public Task<PinRequest> PinAsync(string id, PinRequest request, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"api/v1/clusters/{Uri.EscapeDataString(id)}/pins",
            JsonContent.Create(request, ApiJsonContext.Default.PinRequest), ApiJsonContext.Default.PinRequest, ct);

    public async Task UnpinAsync(string id, string group, string? actor, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Delete,
            $"api/v1/clusters/{Uri.EscapeDataString(id)}/pins/{Uri.EscapeDataString(group)}" + Query(("actor", actor)), null, ct);
    }

    /// <summary>DELETE /api/v1/clusters/{id}: the hub answers 204 once the cluster is gone.</summary>
    public async Task DeregisterAsync(string id, string? actor, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"api/v1/clusters/{Uri.EscapeDataString(id)}" + Query(("actor", actor)), null, ct);
    }

    /// <summary>GET /readyz: true once the hub has resumed every cluster; false while it starts or cannot be reached.</summary>
    public async Task<bool> IsReadyAsync(CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync("readyz", ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var response = await SendAsync(method, path, content, ct);
        try
        {
            return await response.Content.ReadFromJsonAsync(type, ct)
                ?? throw HubErrors.NotTheHub(connection, path, "the answer was empty");
        }
        catch (JsonException e)
        {
            throw HubErrors.NotTheHub(connection, path, e.Message);
        }
        catch (NotSupportedException e)
        {
            throw HubErrors.NotTheHub(connection, path, e.Message);
        }
    }

    /// <summary>A successful answer, for the caller to read and dispose; everything else leaves as a <see cref="CliException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw HubErrors.Unreachable(connection, Reason(e));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw HubErrors.Unreachable(connection, $"no answer within {http.Timeout.TotalSeconds:0} s");
        }

        if (response.IsSuccessStatusCode)
            return response;
        using (response)
        {
            var problem = await ReadProblemAsync(response, ct);
            // Every route of the hub answers a 404 with a problem document; a bare 404 means no hub API at this URL.
            if (problem.Status == 404 && !problem.FromHub)
                throw HubErrors.NotTheHub(connection, path, "HTTP 404, no such route");
            throw HubErrors.FromProblem(connection, problem);
        }
    }

    private static async Task<HubProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(ct);
        if (string.IsNullOrWhiteSpace(body))
            return new HubProblem(status, response.ReasonPhrase, null, [], FromHub: false);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var nearest = root.TryGetProperty("nearest", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!).ToList()
                : [];
            return new HubProblem(status, Text("title"), Text("detail"), nearest);
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's HTML page, say): the status line is all there is to say.
            return new HubProblem(status, response.ReasonPhrase, null, [], FromHub: false);
        }
    }

    // The innermost message names the actual cause ("Connection refused", "Name or service not known").
    private static string Reason(HttpRequestException e)
    {
        Exception inner = e;
        while (inner.InnerException is not null)
            inner = inner.InnerException;
        return inner.Message;
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? "" : "?" + string.Join("&", present);
    }

    public void Dispose() => http.Dispose();
}
