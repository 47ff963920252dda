using System.Collections.Concurrent;
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

    /// <summary>Sets <see cref="PlannedObject.Live"/> of every object whose kind is known (null when it does not exist).</summary>
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
                    p.Live = Typed(live, p.Ref);
                else
                    unlisted.Add(p);
            }
        }).ConfigureAwait(false);
        await Parallel.ForEachAsync(unlisted, Options(cancellationToken), async (p, ct) => p.Live = await GetAsync(p.Resource!, p.Ref, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>The live object, or null when it does not exist.</summary>
    public async Task<JsonObject?> GetAsync(ApiResource resource, ObjectRef target, CancellationToken cancellationToken)
    {
        var response = await kube.SendAsync(HttpMethod.Get, resource.PathFor(target.Namespace, target.Name), null, null, cancellationToken).ConfigureAwait(false);
        if (response.NotFound)
            return null;
        if (!response.Ok)
            throw new KubeApiException($"{target.Subject} read failed: {response.Message()}", response.Status);
        return response.Json();
    }

    // The group's objects in one collection by name, page by page; null when the server will not list them
    // (then each object is read on its own, and a real problem surfaces there with the object named).
    private async Task<Dictionary<string, JsonObject>?> ListAsync(string collection, string group, CancellationToken cancellationToken)
    {
        var byName = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var selector = Uri.EscapeDataString($"{Ownership.GroupLabel}={group}");
        string? next = null;
        do
        {
            var query = $"?labelSelector={selector}&limit={PageSize}" + (next is null ? "" : $"&continue={Uri.EscapeDataString(next)}");
            var response = await kube.SendAsync(HttpMethod.Get, collection + query, null, null, cancellationToken).ConfigureAwait(false);
            if (!response.Ok || response.Json() is not { } list)
                return null;
            var items = list["items"] as JsonArray ?? [];
            var nodes = items.ToList();
            items.Clear();
            foreach (var node in nodes)
            {
                if (node is JsonObject item && item["metadata"]?["name"] is JsonValue name && name.TryGetValue<string>(out var text))
                    byName[text] = item;
            }
            next = list["metadata"]?["continue"] is JsonValue c && c.TryGetValue<string>(out var token) && token.Length > 0 ? token : null;
        }
        while (next is not null);
        return byName;
    }

    // Items of a built-in kind's list come without apiVersion and kind; every reader of a live object may rely on them.
    private static JsonObject Typed(JsonObject live, ObjectRef target)
    {
        live["apiVersion"] ??= target.ApiVersion;
        live["kind"] ??= target.Kind;
        return live;
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) => new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
}
