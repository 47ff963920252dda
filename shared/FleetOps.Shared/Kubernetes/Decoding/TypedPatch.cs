using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Shared.Kubernetes.Models;

namespace FleetOps.Shared.Kubernetes.Decoding;

/// <summary>
/// structured-merge-diff's wording, which server-side apply answers with when it cannot type the applied
/// configuration: paths like <c>.spec.template.spec.containers[name="app"].env</c> and messages like
/// <c>field not declared in schema</c> or <c>expected numeric (int or float), got string</c>.
/// </summary>
internal static class TypedPatch
{
    public const string NotDeclared = "field not declared in schema";

    public static string Duplicate(string key) => $"duplicate entries for key {key}";

    public static string MissingKey(int index, string key) =>
        $"element {index}: associative list with keys has an element that omits key field \"{key}\" (and doesn't have default value)";

    /// <summary>The message for a value of the wrong JSON type, or null when structured-merge-diff accepts it (it leaves that to the decoder).</summary>
    public static string? Expected(ShapeKind kind, JsonNode value)
    {
        var got = JsonText.KindOf(value);
        return kind switch
        {
            ShapeKind.Int32 or ShapeKind.Int64 or ShapeKind.Float when got != JsonValueKind.Number => $"expected numeric (int or float), got {GoTypeName(got)}",
            ShapeKind.String or ShapeKind.Bytes or ShapeKind.Time when got != JsonValueKind.String => $"expected string, got &value.valueUnstructured{{Value:{Plain(value)}}}",
            ShapeKind.Bool when got is not (JsonValueKind.True or JsonValueKind.False) => $"expected boolean, got &{{{Plain(value)}}}",
            ShapeKind.Object or ShapeKind.Map when got != JsonValueKind.Object => $"expected map, got &{{{Plain(value)}}}",
            ShapeKind.List when got != JsonValueKind.Array => $"expected list, got &{{{Plain(value)}}}",
            _ => null,
        };
    }

    /// <summary>How structured-merge-diff names a list item: by its keys, by its value for a set, else by index.</summary>
    public static string Item(JsonNode? item, string[]? keys, int index)
    {
        if (keys is null)
            return $"[{index}]";

        if (keys.Length == 0)
            return $"[={(item is null ? "null" : JsonText.Raw(item))}]";

        if (item is not JsonObject fields)
            return $"[{index}]";

        var text = new StringBuilder("[");
        foreach (var key in keys.Order(StringComparer.Ordinal))
        {
            var value = fields[key] is { } v ? JsonText.Raw(v) : AssociativeLists.DefaultOf(key) is { } d ? JsonText.Raw(JsonValue.Create(d)) : null;
            if (value is null)
                return $"[{index}]";

            text.Append(text.Length == 1 ? "" : ",").Append(key).Append('=').Append(value);
        }

        return text.Append(']').ToString();
    }

    /// <summary>The key field an associative list item lacks (no value, no default), or null.</summary>
    public static string? MissingKeyOf(JsonNode? item, string[] keys) =>
        item is JsonObject fields ? keys.FirstOrDefault(k => fields[k] is null && AssociativeLists.DefaultOf(k) is null) : null;

    private static string GoTypeName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Object => "map[string]interface {}",
        JsonValueKind.Array => "[]interface {}",
        _ => "float64",
    };

    // Go prints the wrapped value with %v: strings bare, numbers and booleans as written.
    private static string Plain(JsonNode value) => JsonText.String(value) ?? JsonText.Raw(value);
}
