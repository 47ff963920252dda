using System.Text.Json.Nodes;

namespace FleetOps.KubeEmulator.Validation;

/// <summary>
/// apimachinery's <c>equality.Semantic.DeepEqual</c> over JSON: an absent field, a null and an empty map or list
/// are the same value, as nil and empty are in the Go types.
/// </summary>
internal static class Semantic
{
    public static bool Equal(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(Pruned(a), Pruned(b));

    private static JsonNode? Pruned(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (Pruned(value) is { } kept)
                        copy[key] = kept;
                }

                return copy.Count == 0 ? null : copy;
            case JsonArray array:
                return array.Count == 0 ? null : new JsonArray([.. array.Select(Pruned)]);
            default:
                return node?.DeepClone();
        }
    }
}
