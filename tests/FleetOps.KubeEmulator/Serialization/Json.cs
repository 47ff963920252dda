using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetOps.KubeEmulator.Serialization;

/// <summary>
/// Reads scalars from JSON nodes whatever backs them (parsed text or CLR values), which plain casts
/// do not guarantee, and returns null instead of throwing when the type is not the expected one.
/// </summary>
internal static class Json
{
    public static string? String(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static long? Long(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static int? Int(JsonNode? node) => Long(node) is { } n ? (int)n : null;

    public static bool? Bool(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>Any scalar as text, the way field selectors compare values.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        _ => "",
    };
}
