using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Storage;
using Microsoft.AspNetCore.Http;

namespace FleetOps.KubeEmulator.Http;

/// <summary>Request bodies: objects in JSON or YAML, patches in the format their content type names.</summary>
internal static class RequestBody
{
    public static async Task<JsonObject> ReadObject(HttpRequest request, LogEntry entry)
    {
        var mediaType = (request.ContentType ?? "application/json").Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not ("application/json" or "application/yaml" or "*/*" or ""))
            throw ApiErrors.UnsupportedMediaType(mediaType, ["application/json", "application/yaml"]);

        var text = entry.Body = await ReadText(request);
        JsonNode? node;
        try
        {
            node = mediaType == "application/yaml" ? YamlJson.Parse(text) : JsonNode.Parse(text);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw ApiErrors.BadRequest($"couldn't decode the request body: {e.Message}");
        }

        return node as JsonObject ?? throw ApiErrors.BadRequest("the request body must be an object");
    }

    /// <summary>An apply patch is YAML (or JSON, which is YAML); every other patch type is JSON.</summary>
    public static async Task<JsonNode?> ReadPatch(HttpRequest request, PatchKind kind, LogEntry entry)
    {
        var text = entry.Body = await ReadText(request);
        try
        {
            return kind == PatchKind.Apply ? YamlJson.Parse(text) : JsonNode.Parse(text);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw ApiErrors.BadRequest($"error decoding patch: {e.Message}");
        }
    }

    public static async Task<string> ReadText(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
