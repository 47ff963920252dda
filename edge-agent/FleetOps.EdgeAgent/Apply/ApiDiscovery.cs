using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// Maps apiVersion + kind to resource and scope. Reads one group-version's resource list on first
/// use and caches it; a CRD applied by us invalidates its group-version so the next lookup sees it.
/// </summary>
internal sealed class ApiDiscovery(KubeConnection kube)
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, ApiResource>> byApiVersion = new(StringComparer.Ordinal);

    public async Task<ApiResource?> ResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken)
    {
        if (!byApiVersion.TryGetValue(apiVersion, out var kinds))
        {
            kinds = await LoadAsync(apiVersion, cancellationToken).ConfigureAwait(false);
            byApiVersion[apiVersion] = kinds;
        }
        return kinds.GetValueOrDefault(kind);
    }

    public void Invalidate(string apiVersion) => byApiVersion.TryRemove(apiVersion, out _);

    private async Task<IReadOnlyDictionary<string, ApiResource>> LoadAsync(string apiVersion, CancellationToken cancellationToken)
    {
        var path = apiVersion.Contains('/') ? $"apis/{apiVersion}" : $"api/{apiVersion}";
        var response = await kube.SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        if (response.NotFound)
            return new Dictionary<string, ApiResource>();
        if (!response.Ok)
            throw new KubeApiException($"discovery of {apiVersion} failed: {response.Message()}", response.Status);
        var map = new Dictionary<string, ApiResource>(StringComparer.Ordinal);
        foreach (var node in response.Json()?["resources"] as JsonArray ?? [])
        {
            if (node is not JsonObject r || r["name"]?.GetValue<string>() is not { } plural || plural.Contains('/'))
                continue;
            var kind = r["kind"]?.GetValue<string>();
            if (kind is null)
                continue;
            map[kind] = new ApiResource(apiVersion, kind, plural, r["namespaced"]?.GetValue<bool>() ?? false);
        }
        return map;
    }
}
