using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetOps.Hub.Messaging.External.DynamicSecurity;

/// <summary>Reads the plugin's answer message: <c>{"responses":[{"command":..,"error":..,"data":..,"correlationData":..}]}</c>.</summary>
internal static class DynSecResponses
{
    public static IReadOnlyList<(string? Correlation, DynSecResponse Response)> Parse(byte[] payload)
    {
        var root = JsonNode.Parse(payload) as JsonObject ?? throw new JsonException("the answer is not a JSON object");
        if (root["responses"] is not JsonArray responses)
            throw new JsonException("the answer has no 'responses' array");
        var parsed = new List<(string?, DynSecResponse)>(responses.Count);
        foreach (var item in responses)
        {
            if (item is not JsonObject response)
                continue;
            parsed.Add((Text(response, "correlationData"), new DynSecResponse(
                Text(response, "command") ?? "", Text(response, "error"), response["data"] as JsonObject)));
        }
        return parsed;
    }

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
