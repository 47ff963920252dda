using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Polling;

namespace FleetOps.Scenarios.Tests.Harness;

/// <summary>
/// A group's rollout through the hub's HTTP API (status, audit, operator actions, pins) and the group's
/// members, in raw HTTP with the API's own JSON records, as any client of the API would ask.
/// </summary>
public sealed partial class ScenarioFleet
{
    public Task<RolloutView> RolloutAsync(string group) => GetAsync($"api/v1/groups/{group}/rollout", ApiJsonContext.Default.RolloutView);

    /// <summary>The group's rollout audit, oldest first.</summary>
    public async Task<IReadOnlyList<RolloutEventView>> AuditAsync(string group) =>
        (await GetAsync($"api/v1/groups/{group}/history", ApiJsonContext.Default.GroupHistory)).Events;

    public Task<GroupDetail> GroupAsync(string group) => GetAsync($"api/v1/groups/{group}", ApiJsonContext.Default.GroupDetail);

    /// <summary>A store's whole journal as the hub holds it, in seq order.</summary>
    public async Task<IReadOnlyList<EventView>> JournalAsync(string id) =>
        (await GetAsync($"api/v1/clusters/{id}/history?limit=10000", ApiJsonContext.Default.HistoryPage)).Events;

    /// <summary>Waits until the store's journal, as the hub holds it, has an event that matches (journals arrive on their own schedule); returns it all.</summary>
    public Task<IReadOnlyList<EventView>> WaitJournalAsync(string id, Func<EventView, bool> match, string what) =>
        Eventually.ValueAsync(() => JournalAsync(id), events => events.Any(match), what, Patience);

    /// <summary>pause, resume, promote or abort, as <see cref="RolloutAction.Actor"/>; the hub must accept it.</summary>
    public async Task<RolloutView> ActAsync(string group, string action, RolloutAction request)
    {
        using var http = Hub.CreateHttpClient();
        using var response = await http.PostAsJsonAsync($"api/v1/groups/{group}/rollout/{action}", request, ApiJsonContext.Default.RolloutAction);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action} {group} by {request.Actor}: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonSerializer.Deserialize(body, ApiJsonContext.Default.RolloutView)!;
    }

    /// <summary>An action the hub must refuse with 409 Conflict; returns its problem (the detail says what to do instead).</summary>
    public async Task<ApiProblem> RefusedAsync(string group, string action, RolloutAction request)
    {
        using var http = Hub.CreateHttpClient();
        using var response = await http.PostAsJsonAsync($"api/v1/groups/{group}/rollout/{action}", request, ApiJsonContext.Default.RolloutAction);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{action} {group} was not refused: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonSerializer.Deserialize(body, ApiJsonContext.Default.ApiProblem)!;
    }

    /// <summary>Holds a store's group at a revision (null: what it is told now), as <paramref name="actor"/>.</summary>
    public async Task PinAsync(string id, string group, string? revision, string actor)
    {
        using var http = Hub.CreateHttpClient();
        using var response = await http.PostAsJsonAsync($"api/v1/clusters/{id}/pins", new PinRequest(group, revision, actor), ApiJsonContext.Default.PinRequest);
        Assert.True(response.IsSuccessStatusCode, $"pin {id} {group}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task UnpinAsync(string id, string group, string actor)
    {
        using var http = Hub.CreateHttpClient();
        using var response = await http.DeleteAsync($"api/v1/clusters/{id}/pins/{group}?actor={Uri.EscapeDataString(actor)}");
        Assert.True(response.IsSuccessStatusCode, $"unpin {id} {group}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Waits until the group's rollout satisfies <paramref name="accept"/> and returns it; on timeout says where it was.</summary>
    public async Task<RolloutView> WaitRolloutAsync(string group, Func<RolloutView, bool> accept, string what, TimeSpan? timeout = null)
    {
        RolloutView? last = null;
        await Eventually.UntilAsync(async () => accept(last = await RolloutAsync(group)), () => $"{what}; the rollout was " + Describe(last), timeout ?? Patience);
        return last!;
    }

    /// <summary>Waits until every given store is Converged in the group at the revision, by the group's member list (one request for all).</summary>
    public async Task WaitMembersConvergedAsync(string group, string revision, IEnumerable<string> stores)
    {
        var ids = stores.ToHashSet(StringComparer.Ordinal);
        GroupDetail? last = null;
        await Eventually.UntilAsync(async () =>
        {
            last = await GroupAsync(group);
            return ids.All(id => last.Members.Any(m => m.ClusterId == id && m.Phase == Phase.Converged && m.AppliedRevision == revision));
        }, () => $"{ids.Count} store(s) converged in {group} at {revision[..7]}; not yet: " + string.Join("; ", last?.Members
            .Where(m => ids.Contains(m.ClusterId) && !(m.Phase == Phase.Converged && m.AppliedRevision == revision))
            .Select(m => $"{m.ClusterId} {m.Phase} {m.Reason} applied {m.AppliedRevision?[..7]}") ?? []), Patience);
    }

    private static string Describe(RolloutView? view) => view is null
        ? "never read"
        : $"{view.Phase} at wave {view.Wave} of {view.Revision?[..7]} ({view.Next?.Description}); waves "
            + string.Join(", ", view.Waves.Select(w => $"{w.Name} {w.Released}/{w.Planned} released, {w.Converged} converged, {w.Applying} applying, {w.Failed} failed, {w.Offline} offline"))
            + "; last events: " + string.Join(" | ", view.Events.TakeLast(6).Select(e => $"{e.At:HH:mm:ss.fff} {e.Kind} w{e.Wave} {e.Actor} {e.Detail}"));

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type)
    {
        using var http = Hub.CreateHttpClient();
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        // Not an assertion: while polling, a group the hub has not learnt of yet (404) is "not yet".
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {body}", null, response.StatusCode);
        return System.Text.Json.JsonSerializer.Deserialize(body, type) ?? throw new InvalidOperationException($"GET {path} answered null");
    }
}
