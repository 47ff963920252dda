using System.Globalization;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Resources;

namespace FleetOps.KubeEmulator.Storage;

/// <summary>
/// The objects of one cluster by resource, namespace and name, with the cluster's resourceVersion counter.
/// Stored objects are never mutated: a write stores a new instance. Callers hold the cluster lock.
/// </summary>
internal sealed class ObjectStore(WatchHub watches)
{
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> resources = new(StringComparer.Ordinal);

    public long ResourceVersion { get; private set; }

    public int Count => resources.Values.Sum(r => r.Count);

    public static string Key(string ns, string name) => ns + "/" + name;

    public JsonObject? Find(ResourceType type, string ns, string name) =>
        resources.TryGetValue(type.StoreKey, out var objects) && objects.TryGetValue(Key(ns, name), out var obj) ? obj : null;

    /// <summary>Objects in key order (namespace, then name), optionally in one namespace, starting after a key.</summary>
    public IEnumerable<(string Key, JsonObject Object)> Scan(ResourceType type, string? ns, string? after = null)
    {
        if (!resources.TryGetValue(type.StoreKey, out var objects))
            yield break;

        foreach (var (key, obj) in objects)
        {
            if (after is not null && string.CompareOrdinal(key, after) <= 0)
                continue;

            if (ns is null || key.StartsWith(ns + "/", StringComparison.Ordinal))
                yield return (key, obj);
        }
    }

    /// <summary>Every namespaced object in <paramref name="ns"/>, across all resources.</summary>
    public List<(string StoreKey, JsonObject Object)> InNamespace(string ns) =>
        resources.SelectMany(r => r.Value.Where(o => o.Key.StartsWith(ns + "/", StringComparison.Ordinal)).Select(o => (r.Key, o.Value))).ToList();

    public List<JsonObject> All(string storeKey) =>
        resources.TryGetValue(storeKey, out var objects) ? [.. objects.Values] : [];

    public bool Any(string storeKey) => resources.TryGetValue(storeKey, out var objects) && objects.Count > 0;

    /// <summary>Stores <paramref name="obj"/> under a new resourceVersion and tells the watchers.</summary>
    public JsonObject Put(ResourceType type, JsonObject obj, bool created) => Put(type.StoreKey, obj, created);

    /// <summary>Stores <paramref name="obj"/> under a new resourceVersion and tells the watchers.</summary>
    public JsonObject Put(string storeKey, JsonObject obj, bool created)
    {
        var (ns, name) = Identity(obj);
        obj["metadata"]!["resourceVersion"] = Next();
        if (!resources.TryGetValue(storeKey, out var objects))
        {
            objects = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            resources[storeKey] = objects;
        }

        objects.TryGetValue(Key(ns, name), out var previous);
        objects[Key(ns, name)] = obj;
        watches.Publish(new WatchEvent(created ? "ADDED" : "MODIFIED", storeKey, ns, obj, ResourceVersion, previous));
        return obj;
    }

    public JsonObject Remove(string storeKey, JsonObject obj)
    {
        var (ns, name) = Identity(obj);
        resources[storeKey].Remove(Key(ns, name));
        var final = (JsonObject)obj.DeepClone();
        final["metadata"]!["resourceVersion"] = Next();
        watches.Publish(new WatchEvent("DELETED", storeKey, ns, final, ResourceVersion, final));
        return final;
    }

    private string Next() => (++ResourceVersion).ToString(CultureInfo.InvariantCulture);

    private static (string Namespace, string Name) Identity(JsonObject obj) =>
        ((string?)obj["metadata"]?["namespace"] ?? "", (string?)obj["metadata"]?["name"] ?? "");
}
