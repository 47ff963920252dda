using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// Reads live objects. A group's objects are read with one LIST per kind and namespace, selected by the group's
/// label, rather than a GET per object: a no-op run of a 1,000-object group is then a handful of requests, for the
/// agent and for the store's API server (k3s on small hardware). What a LIST does not return (a new object, one
/// without our label: adopted, relabelled by hand, or another group's) is read with a GET, as before.
/// </summary>
internal sealed class LiveReader(KubeConnection kube)
{
    private const int Parallelism = 8;
    private const int PageSize = 500;

    /// <summary>
    /// Sets <see cref="PlannedObject.Live"/> and <see cref="PlannedObject.LiveElement"/> of every object whose kind is
    /// known (null when it does not exist): each response is parsed once, and the nodes are only built where read.
    /// </summary>
    public async Task ReadAllAsync(IReadOnlyList<PlannedObject> objects, string group, CancellationToken cancellationToken)
    {
        var collections = objects.Where(p => p.Resource is not null).GroupBy(p => p.Resource!.PathFor(p.Ref.Namespace, null)).ToList();
        var unlisted = new ConcurrentBag<PlannedObject>(collections.Where(c => c.Count() == 1).SelectMany(c => c));
        await Parallel.ForEachAsync(collections.Where(c => c.Count() > 1), Options(cancellationToken), async (collection, ct) =>
        {
            var listed = await ListAsync(collection.Key, group, ct).ConfigureAwait(false);
            foreach (var p in collection)
            {
                if (listed is not null && listed.TryGetValue(p.Ref.Name, out var live))
                    Set(p, live);
                else
                    unlisted.Add(p);
            }
        }).ConfigureAwait(false);
        await Parallel.ForEachAsync(unlisted, Options(cancellationToken), async (p, ct) =>
        {
            if (await ReadAsync(p.Resource!, p.Ref, ct).ConfigureAwait(false) is { } live)
                Set(p, live);
        }).ConfigureAwait(false);
    }

    /// <summary>The live object, or null when it does not exist.</summary>
    public async Task<JsonObject?> GetAsync(ApiResource resource, ObjectRef target, CancellationToken cancellationToken) =>
        await ReadAsync(resource, target, cancellationToken).ConfigureAwait(false) is { } live ? JsonObject.Create(live) : null;

    private async Task<JsonElement?> ReadAsync(ApiResource resource, ObjectRef target, CancellationToken cancellationToken)
    {
        var response = await kube.SendAsync(HttpMethod.Get, resource.PathFor(target.Namespace, target.Name), null, null, cancellationToken).ConfigureAwait(false);
        if (response.NotFound)
            return null;
        if (!response.Ok)
            throw new KubeApiException($"{target.Subject} read failed: {response.Message()}", response.Status);
        return response.Element() is { ValueKind: JsonValueKind.Object } live ? live : null;
    }

    // The group's objects in one collection by name, page by page; null when the server will not list them
    // (then each object is read on its own, and a real problem surfaces there with the object named).
    private async Task<Dictionary<string, JsonElement>?> ListAsync(string collection, string group, CancellationToken cancellationToken)
    {
        var byName = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var selector = Uri.EscapeDataString($"{Ownership.GroupLabel}={group}");
        string? next = null;
        do
        {
            var query = $"?labelSelector={selector}&limit={PageSize}" + (next is null ? "" : $"&continue={Uri.EscapeDataString(next)}");
            var response = await kube.SendAsync(HttpMethod.Get, collection + query, null, null, cancellationToken).ConfigureAwait(false);
            if (!response.Ok || response.Element() is not { ValueKind: JsonValueKind.Object } list)
                return null;
            if (list.TryGetProperty("items"u8, out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("metadata"u8, out var metadata) && metadata.ValueKind == JsonValueKind.Object
                        && metadata.TryGetProperty("name"u8, out var name) && name.ValueKind == JsonValueKind.String)
                    {
                        byName[name.GetString()!] = item;
                    }
                }
            }
            next = list.TryGetProperty("metadata"u8, out var page) && page.ValueKind == JsonValueKind.Object
                && page.TryGetProperty("continue"u8, out var c) && c.ValueKind == JsonValueKind.String && c.GetString() is { Length: > 0 } token ? token : null;
        }
        while (next is not null);
        return byName;
    }

    // Items of a built-in kind's list come without apiVersion and kind; every reader of a live object may rely on them.
    private static void Set(PlannedObject p, JsonElement live)
    {
        var node = JsonObject.Create(live)!;
        node["apiVersion"] ??= p.Ref.ApiVersion;
        node["kind"] ??= p.Ref.Kind;
        p.Live = node;
        p.LiveElement = live;
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) => new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
}
