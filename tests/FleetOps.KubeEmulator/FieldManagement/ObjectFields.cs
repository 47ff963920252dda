using System.Text;
using System.Text.Json.Nodes;

namespace FleetOps.KubeEmulator.FieldManagement;

/// <summary>
/// Walks JSON objects in field-path terms: which fields a value sets, what changed between two values,
/// how to find, remove and merge fields by path. List and map semantics come from <see cref="ListSemantics"/>.
/// </summary>
internal static class ObjectFields
{
    /// <summary>Struct-typed fields always exist in Go objects, so updates never record a "." for them.</summary>
    private static readonly HashSet<string> StructFields = new(StringComparer.Ordinal)
    {
        "metadata", "spec", "status", "template", "strategy", "updateStrategy", "jobTemplate",
    };

    /// <summary>The fields an object sets. Apply records list items only; updates also record maps they create.</summary>
    public static FieldSet Collect(JsonObject obj, bool builtIn, bool markMaps)
    {
        var set = new FieldSet();
        var path = new List<string>();
        AddChildren(obj, path, set, new Context(null, builtIn, false), markMaps);
        return set;
    }

    /// <summary>Records fields that <paramref name="newer"/> adds or changes and subtrees it removes.</summary>
    public static void Diff(JsonObject older, JsonObject newer, bool builtIn, FieldSet changed, FieldSet removed) =>
        DiffNode(older, newer, [], new Context(null, builtIn, false), changed, removed);

    public static JsonNode? Resolve(JsonNode? root, IReadOnlyList<string> path)
    {
        var node = root;
        foreach (var element in path)
        {
            node = Step(node, element);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Removes the field or list item at <paramref name="path"/>, then the maps and lists it left empty.</summary>
    public static void Remove(JsonObject root, IReadOnlyList<string> path)
    {
        if (path.Count == 0)
        {
            return;
        }

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
            {
                break;
            }

            if (Resolve(root, prefix.Take(depth - 1).ToArray()) is JsonObject holder)
            {
                holder.Remove(prefix[^1][2..]);
            }
        }
    }

    /// <summary>Merges an applied configuration into a live object: maps field by field, list-maps by key, the rest replaced.</summary>
    public static JsonObject Merge(JsonObject live, JsonObject applied, bool builtIn) =>
        (JsonObject)MergeNode(live, applied, new Context(null, builtIn, false))!;

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
        {
            return false;
        }

        foreach (var (name, expected) in key)
        {
            var actual = obj[name] ?? (name == "protocol" ? JsonValue.Create("TCP") : null);
            if (!JsonNode.DeepEquals(actual, expected))
            {
                return false;
            }
        }

        return true;
    }

    private static void AddChildren(JsonObject obj, List<string> path, FieldSet set, Context context, bool markMaps)
    {
        foreach (var (name, value) in obj)
        {
            if (value is null)
            {
                continue;
            }

            path.Add("f:" + name);
            AddValue(value, path, set, context.Enter(name, path.Count), markMaps);
            path.RemoveAt(path.Count - 1);
        }
    }

    private static void AddValue(JsonNode? value, List<string> path, FieldSet set, Context context, bool markMaps)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } obj when !ListSemantics.IsAtomicMap(context.Field ?? "", context.BuiltIn):
                if (markMaps && context.Field is not null && !StructFields.Contains(context.Field))
                {
                    set.Add(path);
                }

                AddChildren(obj, path, set, context, markMaps);
                break;
            case JsonArray { Count: > 0 } array:
                var kind = ListSemantics.Classify(context.Field ?? "", array, context.BuiltIn, context.InMetadata);
                var keys = kind.Type == ListType.Map ? array.Select(i => ListSemantics.KeyElement(i, kind.Keys)).ToList() : null;
                if (kind.Type == ListType.Set)
                {
                    foreach (var item in array)
                    {
                        set.Add([.. path, ListSemantics.ValueElement(item)]);
                    }
                }
                else if (keys is not null && keys.All(k => k is not null))
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        path.Add(keys[i]!);
                        set.Add(path);
                        AddChildren(array[i]!.AsObject(), path, set, context.Item(), markMaps);
                        path.RemoveAt(path.Count - 1);
                    }
                }
                else
                {
                    set.Add(path);
                }

                break;
            default:
                set.Add(path);
                break;
        }
    }

    private static void DiffNode(JsonNode? older, JsonNode? newer, List<string> path, Context context, FieldSet changed, FieldSet removed)
    {
        if (newer is JsonObject n && older is JsonObject o && !ListSemantics.IsAtomicMap(context.Field ?? "", context.BuiltIn))
        {
            foreach (var (name, value) in n)
            {
                if (value is null)
                {
                    continue;
                }

                path.Add("f:" + name);
                var inner = context.Enter(name, path.Count);
                if (o[name] is { } previous)
                {
                    DiffNode(previous, value, path, inner, changed, removed);
                }
                else
                {
                    AddValue(value, path, changed, inner, markMaps: true);
                }

                path.RemoveAt(path.Count - 1);
            }

            foreach (var (name, value) in o)
            {
                if (value is not null && n[name] is null)
                {
                    removed.Add([.. path, "f:" + name]);
                }
            }

            return;
        }

        if (newer is JsonArray na && older is JsonArray oa && DiffList(oa, na, path, context, changed, removed))
        {
            return;
        }

        if (!JsonNode.DeepEquals(older, newer))
        {
            AddValue(newer, path, changed, context, markMaps: true);
        }
    }

    private static bool DiffList(JsonArray older, JsonArray newer, List<string> path, Context context, FieldSet changed, FieldSet removed)
    {
        var kind = ListSemantics.Classify(context.Field ?? "", newer.Count > 0 ? newer : older, context.BuiltIn, context.InMetadata);
        if (kind.Type == ListType.Set)
        {
            foreach (var item in newer.Where(i => !older.Any(x => JsonNode.DeepEquals(x, i))))
            {
                changed.Add([.. path, ListSemantics.ValueElement(item)]);
            }

            foreach (var item in older.Where(i => !newer.Any(x => JsonNode.DeepEquals(x, i))))
            {
                removed.Add([.. path, ListSemantics.ValueElement(item)]);
            }

            return true;
        }

        if (kind.Type != ListType.Map)
        {
            return false;
        }

        var oldKeys = older.Select(i => ListSemantics.KeyElement(i, kind.Keys)).ToList();
        var newKeys = newer.Select(i => ListSemantics.KeyElement(i, kind.Keys)).ToList();
        if (oldKeys.Any(k => k is null) || newKeys.Any(k => k is null))
        {
            return false;
        }

        for (var i = 0; i < newer.Count; i++)
        {
            path.Add(newKeys[i]!);
            var previous = oldKeys.IndexOf(newKeys[i]);
            if (previous >= 0)
            {
                DiffNode(older[previous], newer[i], path, context.Item(), changed, removed);
            }
            else
            {
                changed.Add(path);
                AddChildren(newer[i]!.AsObject(), path, changed, context.Item(), markMaps: true);
            }

            path.RemoveAt(path.Count - 1);
        }

        foreach (var key in oldKeys.Where(k => !newKeys.Contains(k)))
        {
            removed.Add([.. path, key!]);
        }

        return true;
    }

    private static JsonNode? MergeNode(JsonNode? live, JsonNode? applied, Context context)
    {
        if (applied is JsonObject a && live is JsonObject l && !ListSemantics.IsAtomicMap(context.Field ?? "", context.BuiltIn))
        {
            var result = (JsonObject)l.DeepClone();
            foreach (var (name, value) in a)
            {
                if (value is null)
                {
                    continue;
                }

                result[name] = MergeNode(l[name], value, context.Enter(name, context.Depth + 1));
            }

            return result;
        }

        if (applied is JsonArray aa && live is JsonArray la)
        {
            var kind = ListSemantics.Classify(context.Field ?? "", aa.Count > 0 ? aa : la, context.BuiltIn, context.InMetadata);
            if (kind.Type == ListType.Set)
            {
                var union = (JsonArray)la.DeepClone();
                foreach (var item in aa.Where(i => !la.Any(x => JsonNode.DeepEquals(x, i))))
                {
                    union.Add(item?.DeepClone());
                }

                return union;
            }

            if (kind.Type == ListType.Map)
            {
                var liveKeys = la.Select(i => ListSemantics.KeyElement(i, kind.Keys)).ToList();
                var appliedKeys = aa.Select(i => ListSemantics.KeyElement(i, kind.Keys)).ToList();
                if (liveKeys.All(k => k is not null) && appliedKeys.All(k => k is not null))
                {
                    var items = la.Select(i => i?.DeepClone()).ToList();
                    for (var i = 0; i < aa.Count; i++)
                    {
                        var at = liveKeys.IndexOf(appliedKeys[i]);
                        if (at >= 0)
                        {
                            items[at] = MergeNode(la[at], aa[i], context.Item());
                        }
                        else
                        {
                            items.Add(aa[i]?.DeepClone());
                        }
                    }

                    return new JsonArray([.. items]);
                }
            }
        }

        return applied?.DeepClone();
    }

    /// <summary>Where a walk is: the field holding the current value, and whether it is inside metadata.</summary>
    private readonly record struct Context(string? Field, bool BuiltIn, bool InMetadata, int Depth = 0)
    {
        public Context Enter(string field, int depth) =>
            new(field, BuiltIn, InMetadata || (depth == 1 && field == "metadata"), depth);

        public Context Item() => this with { Field = null };
    }
}
