using System.Text.Json.Nodes;

namespace FleetOps.KubeEmulator.Serialization;

/// <summary>Orders fields as the API server serializes them, so output reads like kubectl's.</summary>
internal static class CanonicalOrder
{
    /// <summary>Reorders <paramref name="obj"/> in place and returns it.</summary>
    public static JsonObject Apply(JsonObject obj)
    {
        Reorder(obj, ["apiVersion", "kind", "metadata"], ["status"]);
        if (obj["metadata"] is JsonObject metadata)
        {
            Reorder(metadata,
                ["name", "generateName", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
                 "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers"],
                ["managedFields"]);
        }

        return obj;
    }

    private static void Reorder(JsonObject obj, string[] first, string[] last)
    {
        var properties = obj.ToList();
        obj.Clear();
        var ordered = first.SelectMany(f => properties.Where(p => p.Key == f))
            .Concat(properties.Where(p => !first.Contains(p.Key) && !last.Contains(p.Key)))
            .Concat(last.SelectMany(l => properties.Where(p => p.Key == l)));
        foreach (var (key, value) in ordered)
        {
            obj[key] = value;
        }
    }
}
