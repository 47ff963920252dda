using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>Reads <c>metadata.managedFields</c> as the API server writes it.</summary>
internal static class ManagedFieldsReader
{
    /// <summary>
    /// The FieldsV1 set of the manager's Apply entries on the main resource (one per manager in practice; a
    /// union if a server ever kept several), or null when the manager has applied nothing that it still owns.
    /// </summary>
    public static JsonObject? AppliedBy(JsonObject live, string manager)
    {
        JsonObject? owned = null;
        foreach (var node in live["metadata"]?["managedFields"] as JsonArray ?? [])
        {
            if (node is not JsonObject entry || Text(entry, "manager") != manager || Text(entry, "operation") != "Apply"
                || entry["subresource"] is JsonValue || entry["fieldsV1"] is not JsonObject fields)
            {
                continue;
            }
            owned = owned is null ? fields : Union(owned, fields);
        }
        return owned;
    }

    public static string? ResourceVersion(JsonObject live) => Text(live["metadata"] as JsonObject, "resourceVersion");

    private static string? Text(JsonObject? o, string key) => o?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonObject Union(JsonObject a, JsonObject b)
    {
        var union = (JsonObject)a.DeepClone();
        foreach (var (key, value) in b)
        {
            union[key] = union[key] is JsonObject mine && value is JsonObject theirs ? Union(mine, theirs) : value?.DeepClone();
        }
        return union;
    }
}
