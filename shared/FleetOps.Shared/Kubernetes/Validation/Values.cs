using System.Text.Json.Nodes;
using FleetOps.Shared.Kubernetes.Decoding;

namespace FleetOps.Shared.Kubernetes.Validation;

/// <summary>Tolerant reads for the rules: a value of the wrong type reads as absent (the decoder has reported it).</summary>
internal static class Values
{
    public static JsonNode? At(JsonNode? node, string property) => node is JsonObject obj ? obj[property] : null;

    public static IList<JsonNode?> Items(JsonNode? node) => node is JsonArray list ? list : [];

    public static string? Text(JsonNode? node) => JsonText.String(node);

    /// <summary>Go's %q of a string, as apimachinery prints string values in messages.</summary>
    public static string Quoted(string text) => JsonText.Raw(JsonValue.Create(text));
}
