using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// Reads <c>metadata.managedFields</c> as the API server writes it, on the parsed response itself: a no-op run
/// reads every object's managedFields, and turning them into JSON nodes would cost more than the check.
/// </summary>
internal static class ManagedFieldsReader
{
    /// <summary>
    /// The FieldsV1 sets of the manager's Apply entries on the main resource (one per manager in practice;
    /// a server that kept several would have them all here), or none when the manager has applied nothing it
    /// still owns.
    /// </summary>
    public static List<JsonElement> AppliedBy(JsonElement live, string manager)
    {
        var sets = new List<JsonElement>(1);
        if (!live.TryGetProperty("metadata"u8, out var metadata) || !metadata.TryGetProperty("managedFields"u8, out var entries)
            || entries.ValueKind != JsonValueKind.Array)
        {
            return sets;
        }
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Object && Is(entry, "manager"u8, manager) && Is(entry, "operation"u8, "Apply")
                && !(entry.TryGetProperty("subresource"u8, out var subresource) && subresource.ValueKind == JsonValueKind.String)
                && entry.TryGetProperty("fieldsV1"u8, out var fields) && fields.ValueKind == JsonValueKind.Object)
            {
                sets.Add(fields);
            }
        }
        return sets;
    }

    public static string? ResourceVersion(JsonElement live) =>
        live.TryGetProperty("metadata"u8, out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("resourceVersion"u8, out var version) && version.ValueKind == JsonValueKind.String
            ? version.GetString()
            : null;

    public static string? ResourceVersion(JsonObject live) =>
        live["metadata"]?["resourceVersion"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Is(JsonElement entry, ReadOnlySpan<byte> property, string value) =>
        entry.TryGetProperty(property, out var text) && text.ValueKind == JsonValueKind.String && text.ValueEquals(value);
}
