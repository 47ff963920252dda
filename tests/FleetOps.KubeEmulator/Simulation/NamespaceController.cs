using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Storage;

namespace FleetOps.KubeEmulator.Simulation;

/// <summary>
/// The namespace controller's pass over a Terminating namespace: everything in it is deleted (objects with
/// finalizers linger with a deletionTimestamp), and the namespace goes only once nothing is left; until then its
/// status carries the conditions the controller sets (NamespaceContentRemaining, NamespaceFinalizersRemaining, ...).
/// </summary>
internal sealed class NamespaceController(ObjectStore store, TimeProvider time, ObjectLifecycle lifecycle)
{
    /// <summary>One pass; returns whether the namespace is gone.</summary>
    public void Finalize(string name)
    {
        var ns = store.Find(BuiltInResources.Namespace, "", name);
        if (ns?["metadata"]?["deletionTimestamp"] is null)
            return;

        foreach (var (storeKey, obj) in store.InNamespace(name))
        {
            if (obj["metadata"]?["finalizers"] is JsonArray { Count: > 0 })
                lifecycle.MarkDeleting(storeKey, obj);
            else
                lifecycle.Remove(storeKey, obj);
        }

        var remaining = store.InNamespace(name);
        if (remaining.Count == 0)
        {
            lifecycle.Remove(BuiltInResources.Namespace.StoreKey, ns);
            return;
        }

        var status = new JsonObject { ["phase"] = "Terminating", ["conditions"] = Conditions(ns, remaining) };
        if (!JsonNode.DeepEquals(status, ns["status"]))
        {
            var waiting = (JsonObject)ns.DeepClone();
            waiting["status"] = status;
            store.Put(BuiltInResources.Namespace, CanonicalOrder.Apply(waiting), created: false);
        }
    }

    private JsonArray Conditions(JsonObject ns, List<(string StoreKey, JsonObject Object)> remaining)
    {
        var resources = remaining.GroupBy(r => r.StoreKey)
            .Select(g => $"{GroupResource(g.Key)} has {g.Count()} resource instances").Order(StringComparer.Ordinal);
        var finalizers = remaining.SelectMany(r => r.Object["metadata"]?["finalizers"]?.AsArray().Select(f => (string?)f) ?? [])
            .OfType<string>().GroupBy(f => f).Select(g => $"{g.Key} in {g.Count()} resource instances").Order(StringComparer.Ordinal).ToList();
        var previous = ns["status"] as JsonObject ?? new JsonObject();
        var now = Timestamps.Now(time);
        return new JsonArray(
            Condition(previous, now, "NamespaceDeletionDiscoveryFailure", "False", "ResourcesDiscovered", "All resources successfully discovered"),
            Condition(previous, now, "NamespaceDeletionGroupVersionParsingFailure", "False", "ParsedGroupVersions", "All legacy kube types successfully parsed"),
            Condition(previous, now, "NamespaceDeletionContentFailure", "False", "ContentDeleted", "All content successfully deleted, may be waiting on finalization"),
            Condition(previous, now, "NamespaceContentRemaining", "True", "SomeResourcesRemain", "Some resources are remaining: " + string.Join(", ", resources)),
            finalizers.Count > 0
                ? Condition(previous, now, "NamespaceFinalizersRemaining", "True", "SomeFinalizersRemain",
                    "Some content in the namespace has finalizers remaining: " + string.Join(", ", finalizers))
                : Condition(previous, now, "NamespaceFinalizersRemaining", "False", "ContentHasNoFinalizers", "All content-preserving finalizers finished"));
    }

    /// <summary>As the controller prints a GroupVersionResource: <c>resource.group</c>, so core resources end in a dot.</summary>
    private static string GroupResource(string storeKey)
    {
        var slash = storeKey.IndexOf('/', StringComparison.Ordinal);
        return $"{storeKey[(slash + 1)..]}.{storeKey[..slash]}";
    }

    private static JsonObject Condition(JsonObject previous, string now, string type, string status, string reason, string message)
    {
        var old = previous["conditions"]?.AsArray().OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastTransitionTime"] = old is not null && (string?)old["status"] == status ? (string?)old["lastTransitionTime"] ?? now : now,
            ["reason"] = reason,
            ["message"] = message,
        };
    }
}
