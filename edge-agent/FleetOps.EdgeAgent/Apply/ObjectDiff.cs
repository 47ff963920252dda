using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// What a write changed in one object, for the journal: the fields of the manifest whose value differs between the
/// object as it was and as the API server returned it after the write. Both sides are the server's own rendering, so
/// a value it normalises (<c>0.5</c> → <c>500m</c>) never shows as a change. A Secret's values never leave the store:
/// its keys are named, its values hidden.
/// </summary>
internal static class ObjectDiff
{
    public static ObjectChange Describe(ObjectRef target, ChangeAction action, JsonObject desired, JsonNode? before, JsonNode? after)
    {
        var verb = action.ToString().ToLowerInvariant();
        if (action != ChangeAction.Configured || before is null || after is null)
            return new ObjectChange(target.Subject, verb, []);
        var fields = new List<FieldChange>();
        var secret = target.Kind == "Secret" && target.ApiVersion == "v1";
        foreach (var (key, value) in desired)
        {
            if (key is "apiVersion" or "kind" or "status")
                continue;
            if (key == "metadata")
            {
                foreach (var part in new[] { "labels", "annotations" })
                    Walk($"metadata.{part}", value?[part], before["metadata"]?[part], after["metadata"]?[part], fields, hidden: false);
            }
            else if (key is "data" or "stringData" or "binaryData")
                Keys(key == "stringData" ? "data" : key, before[key == "stringData" ? "data" : key], after[key == "stringData" ? "data" : key], fields, secret);
            else
                Walk(key, value, before[key], after[key], fields, hidden: secret);
        }
        var distinct = fields.DistinctBy(f => f.Field).ToList();
        return new ObjectChange(target.Subject, verb, distinct.Take(ObjectChange.MaxFields).ToList(), Math.Max(0, distinct.Count - ObjectChange.MaxFields));
    }

    // ConfigMap and Secret data: every key added, removed or changed, including those the manifest no longer has.
    private static void Keys(string path, JsonNode? before, JsonNode? after, List<FieldChange> fields, bool hidden)
    {
        var was = before as JsonObject;
        var now = after as JsonObject;
        var keys = (was?.Select(p => p.Key) ?? []).Union(now?.Select(p => p.Key) ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in keys)
            Leaf($"{path}.{key}", was?[key], now?[key], fields, hidden);
    }

    private static void Walk(string path, JsonNode? desired, JsonNode? before, JsonNode? after, List<FieldChange> fields, bool hidden)
    {
        switch (desired)
        {
            case JsonObject map:
                foreach (var (key, value) in map)
                    Walk($"{path}.{key}", value, before?[key], after?[key], fields, hidden);
                break;
            case JsonArray list when list.All(i => i is JsonObject o && o["name"] is JsonValue):
                // Lists of named items (containers, ports, env) are matched by name, as strategic merge does.
                foreach (var item in list.OfType<JsonObject>())
                {
                    var name = item["name"]!.ToString();
                    Walk($"{path}[{name}]", item, Named(before, name), Named(after, name), fields, hidden);
                }
                break;
            default:
                Leaf(path, before, after, fields, hidden);
                break;
        }
    }

    private static JsonNode? Named(JsonNode? list, string name) =>
        (list as JsonArray)?.OfType<JsonObject>().FirstOrDefault(o => o["name"]?.ToString() == name);

    private static void Leaf(string path, JsonNode? before, JsonNode? after, List<FieldChange> fields, bool hidden)
    {
        var from = Text(before);
        var to = Text(after);
        if (from == to)
            return;
        fields.Add(hidden ? new FieldChange(Short(path), null, null, Hidden: true) : new FieldChange(Short(path), Cut(from), Cut(to)));
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static string? Cut(string? value) =>
        value is { Length: > FieldChange.MaxValue } ? value[..(FieldChange.MaxValue - 1)] + "…" : value;

    /// <summary>The names operators use: <c>replicas</c>, <c>image api</c>; anything else keeps its path.</summary>
    private static string Short(string path)
    {
        foreach (var prefix in new[] { "spec.template.spec.containers[", "spec.jobTemplate.spec.template.spec.containers[", "spec.containers[" })
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal) && path.EndsWith("].image", StringComparison.Ordinal))
                return "image " + path[prefix.Length..^"].image".Length];
        }
        if (path == "spec.replicas")
            return "replicas";
        // A workload's pod template is where nearly every change lands; its long prefix says nothing.
        foreach (var template in new[] { "spec.template.spec.", "spec.jobTemplate.spec.template.spec." })
        {
            if (path.StartsWith(template, StringComparison.Ordinal))
                return path[template.Length..];
        }
        return path;
    }
}
