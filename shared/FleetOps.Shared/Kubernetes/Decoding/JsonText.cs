using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetOps.Shared.Kubernetes.Decoding;

/// <summary>Reading JSON values whatever backs them (parsed text or CLR values), and naming them as Go does.</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    /// <summary>How Go's JSON decoder names a value it cannot store: object, array, string, number, bool.</summary>
    public static string GoWord(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "null",
    };

    /// <summary>The value's JSON text: a number as written (<c>3.0</c> stays <c>3.0</c>).</summary>
    public static string Raw(JsonNode node) => node.ToJsonString(Relaxed);

    /// <summary>Whether a number is written as the plain integer it is (<c>3</c>, not <c>3.0</c> or <c>3e0</c>).</summary>
    /// <remarks>A parsed value reads as a long only when written as one, so the text is looked at only otherwise.</remarks>
    public static bool IsPlainInteger(JsonNode node, long value) =>
        node is JsonValue v && v.TryGetValue<long>(out _) || Raw(node) == value.ToString(CultureInfo.InvariantCulture);

    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A whole number (<c>3</c> or <c>3.0</c>), or null.</summary>
    public static long? Integer(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
            return null;

        if (value.TryGetValue<long>(out var fast))
            return fast;

        var text = value.ToJsonString();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return integer;

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && double.IsFinite(real) && Math.Floor(real) == real && Math.Abs(real) < 9.2e18 ? (long)real : null;
    }

    /// <summary>A value as apimachinery prints a bad value: strings quoted, numbers and booleans bare.</summary>
    public static string GoValue(JsonNode? node) => KindOf(node) switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Number => Integer(node) is { } whole ? whole.ToString(CultureInfo.InvariantCulture) : Raw(node!),
        _ => Raw(node!),
    };
}
