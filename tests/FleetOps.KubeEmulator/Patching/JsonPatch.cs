using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;

namespace FleetOps.KubeEmulator.Patching;

/// <summary>RFC 6902 JSON patch (add, remove, replace, move, copy, test) with RFC 6901 pointers.</summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
            throw ApiErrors.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");

        var document = target.DeepClone();
        foreach (var node in operations)
        {
            var op = node as JsonObject ?? throw ApiErrors.BadRequest("invalid JSON patch operation");
            var path = (string?)op["path"] ?? throw ApiErrors.BadRequest("JSON patch operation is missing 'path'");
            switch ((string?)op["op"])
            {
                case "add":
                    document = Add(document, path, op["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(document, path);
                    break;
                case "replace":
                    Remove(document, path);
                    document = Add(document, path, op["value"]?.DeepClone());
                    break;
                case "move":
                    var moved = Get(document, From(op));
                    Remove(document, From(op));
                    document = Add(document, path, moved?.DeepClone());
                    break;
                case "copy":
                    document = Add(document, path, Get(document, From(op))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(document, path), op["value"]))
                        throw Unprocessable($"testing value {path} failed: test failed");

                    break;
                default:
                    throw Unprocessable($"Unexpected kind: {(string?)op["op"]}");
            }
        }

        return document;
    }

    private static string From(JsonObject op) => (string?)op["from"] ?? throw ApiErrors.BadRequest("JSON patch operation is missing 'from'");

    private static JsonNode? Get(JsonNode document, string path)
    {
        var node = document;
        foreach (var token in Tokens(path))
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var child) => child,
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw Unprocessable($"jsonpatch operation does not apply: doc is missing path: \"{path}\""),
            };
        }

        return node;
    }

    private static JsonNode Add(JsonNode document, string path, JsonNode? value)
    {
        var tokens = Tokens(path);
        if (tokens.Count == 0)
            return value ?? throw Unprocessable("jsonpatch add operation does not apply: cannot replace the document with null");

        var parent = ParentOf(document, path, tokens);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw Unprocessable($"jsonpatch add operation does not apply: doc is missing path: \"{path}\"");
        }

        return document;
    }

    private static void Remove(JsonNode document, string path)
    {
        var tokens = Tokens(path);
        var parent = ParentOf(document, path, tokens);
        var last = tokens.Count > 0 ? tokens[^1] : "";
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw Unprocessable($"jsonpatch remove operation does not apply: doc is missing path: \"{path}\"");
        }
    }

    private static JsonNode? ParentOf(JsonNode document, string path, List<string> tokens)
    {
        var node = document;
        foreach (var token in tokens.Take(tokens.Count - 1))
        {
            node = node switch
            {
                JsonObject o when o[token] is { } child => child,
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw Unprocessable($"jsonpatch operation does not apply: doc is missing path: \"{path}\""),
            };
        }

        return node;
    }

    private static List<string> Tokens(string path)
    {
        if (path.Length == 0)
            return [];

        if (path[0] != '/')
            throw Unprocessable($"JSON pointer must be empty or start with a \"/\": {path}");

        return path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
    }

    private static KubeApiException Unprocessable(string message) => new(422, "Invalid", message);
}
