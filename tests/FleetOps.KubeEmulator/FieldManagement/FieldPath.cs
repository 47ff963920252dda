using System.Text;
using System.Text.Json.Nodes;

namespace FleetOps.KubeEmulator.FieldManagement;

/// <summary>
/// Field paths as managedFields spell them (<c>f:spec</c>, <c>k:{"name":"web"}</c>, <c>v:"x"</c>, <c>i:0</c>):
/// finding the value a path points at, removing it, and printing it the way the API server does in conflicts.
/// </summary>
internal static class FieldPath
{
    public static JsonNode? Resolve(JsonNode? root, IReadOnlyList<string> path)
    {
        var node = root;
        foreach (var element in path)
        {
            node = Step(node, element);
            if (node is null)
                return null;
        }

        return node;
    }

    /// <summary>Removes the field or list item at <paramref name="path"/>, then the maps and lists it left empty.</summary>
    public static void Remove(JsonObject root, IReadOnlyList<string> path)
    {
        if (path.Count == 0)
            return;

        var parent = Resolve(root, path.Take(path.Count - 1).ToArray());
        var target = Step(parent, path[^1]);
        switch (parent)
        {
            case JsonObject o when path[^1].StartsWith("f:", StringComparison.Ordinal):
                o.Remove(path[^1][2..]);
                break;
            case JsonArray a when target is not null:
                a.Remove(target);
                break;
            default:
                return;
        }

        for (var depth = path.Count - 1; depth >= 2; depth--)
        {
            var prefix = path.Take(depth).ToArray();
            var emptied = Resolve(root, prefix) is JsonObject { Count: 0 } or JsonArray { Count: 0 };
            if (!emptied || !prefix[^1].StartsWith("f:", StringComparison.Ordinal))
                break;

            if (Resolve(root, prefix.Take(depth - 1).ToArray()) is JsonObject holder)
                holder.Remove(prefix[^1][2..]);
        }
    }

    /// <summary>The path as the API server prints it in conflicts, e.g. <c>.spec.containers[name="web"].image</c>.</summary>
    public static string Describe(IReadOnlyList<string> path)
    {
        var text = new StringBuilder();
        foreach (var element in path)
        {
            var body = element[2..];
            switch (element[..2])
            {
                case "f:":
                    text.Append('.').Append(body);
                    break;
                case "k:":
                    var key = JsonNode.Parse(body)!.AsObject();
                    text.Append('[').AppendJoin(',', key.Select(p => $"{p.Key}={p.Value?.ToJsonString()}")).Append(']');
                    break;
                case "v:":
                    text.Append("[=").Append(body).Append(']');
                    break;
                default:
                    text.Append('[').Append(body).Append(']');
                    break;
            }
        }

        return text.ToString();
    }

    private static JsonNode? Step(JsonNode? node, string element)
    {
        var body = element[2..];
        switch (element[..2])
        {
            case "f:":
                return node is JsonObject o ? o[body] : null;
            case "k:" when node is JsonArray a:
                var key = JsonNode.Parse(body)!.AsObject();
                return a.FirstOrDefault(item => MatchesKey(item, key));
            case "v:" when node is JsonArray a:
                var value = JsonNode.Parse(body);
                return a.FirstOrDefault(item => JsonNode.DeepEquals(item, value));
            case "i:" when node is JsonArray a && int.TryParse(body, out var index) && index < a.Count:
                return a[index];
            default:
                return null;
        }
    }

    private static bool MatchesKey(JsonNode? item, JsonObject key)
    {
        if (item is not JsonObject obj)
            return false;

        foreach (var (name, expected) in key)
        {
            var actual = obj[name] ?? (name == "protocol" ? JsonValue.Create("TCP") : null);
            if (!JsonNode.DeepEquals(actual, expected))
                return false;
        }

        return true;
    }
}
