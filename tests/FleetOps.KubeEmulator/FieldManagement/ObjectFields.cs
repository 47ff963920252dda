using System.Text.Json.Nodes;

namespace FleetOps.KubeEmulator.FieldManagement;

/// <summary>
/// Walks JSON objects in field-path terms: which fields a value sets and what changed between two values.
/// List and map semantics come from <see cref="ListSemantics"/>.
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
        AddChildren(obj, path, set, new WalkContext(null, builtIn, false), markMaps);
        return set;
    }

    /// <summary>Records fields that <paramref name="newer"/> adds or changes and subtrees it removes.</summary>
    public static void Diff(JsonObject older, JsonObject newer, bool builtIn, FieldSet changed, FieldSet removed) =>
        DiffNode(older, newer, [], new WalkContext(null, builtIn, false), changed, removed);

    private static void AddChildren(JsonObject obj, List<string> path, FieldSet set, WalkContext context, bool markMaps)
    {
        foreach (var (name, value) in obj)
        {
            if (value is null)
                continue;

            path.Add("f:" + name);
            AddValue(value, path, set, context.Enter(name, path.Count), markMaps);
            path.RemoveAt(path.Count - 1);
        }
    }

    private static void AddValue(JsonNode? value, List<string> path, FieldSet set, WalkContext context, bool markMaps)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } obj when !ListSemantics.IsAtomicMap(context.Field ?? "", context.BuiltIn):
                if (markMaps && context.Field is not null && !StructFields.Contains(context.Field))
                    set.Add(path);

                AddChildren(obj, path, set, context, markMaps);
                break;
            case JsonArray { Count: > 0 } array:
                var kind = ListSemantics.Classify(context.Field ?? "", array, context.BuiltIn, context.InMetadata);
                var keys = kind.Type == ListType.Map ? array.Select(i => ListSemantics.KeyElement(i, kind.Keys)).ToList() : null;
                if (kind.Type == ListType.Set)
                {
                    foreach (var item in array)
                        set.Add([.. path, ListSemantics.ValueElement(item)]);
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

    private static void DiffNode(JsonNode? older, JsonNode? newer, List<string> path, WalkContext context, FieldSet changed, FieldSet removed)
    {
        if (newer is JsonObject n && older is JsonObject o && !ListSemantics.IsAtomicMap(context.Field ?? "", context.BuiltIn))
        {
            foreach (var (name, value) in n)
            {
                if (value is null)
                    continue;

                path.Add("f:" + name);
                var inner = context.Enter(name, path.Count);
                if (o[name] is { } previous)
                    DiffNode(previous, value, path, inner, changed, removed);
                else
                    AddValue(value, path, changed, inner, markMaps: true);

                path.RemoveAt(path.Count - 1);
            }

            foreach (var (name, value) in o)
            {
                if (value is not null && n[name] is null)
                    removed.Add([.. path, "f:" + name]);
            }

            return;
        }

        if (newer is JsonArray na && older is JsonArray oa && DiffList(oa, na, path, context, changed, removed))
            return;

        if (!JsonNode.DeepEquals(older, newer))
            AddValue(newer, path, changed, context, markMaps: true);
    }

    private static bool DiffList(JsonArray older, JsonArray newer, List<string> path, WalkContext context, FieldSet changed, FieldSet removed)
    {
        var kind = ListSemantics.Classify(context.Field ?? "", newer.Count > 0 ? newer : older, context.BuiltIn, context.InMetadata);
        if (kind.Type == ListType.Set)
        {
            foreach (var item in newer.Where(i => !older.Any(x => JsonNode.DeepEquals(x, i))))
                changed.Add([.. path, ListSemantics.ValueElement(item)]);

            foreach (var item in older.Where(i => !newer.Any(x => JsonNode.DeepEquals(x, i))))
                removed.Add([.. path, ListSemantics.ValueElement(item)]);

            return true;
        }

        if (kind.Type != ListType.Map)
            return false;

        var oldKeys = older.Select(i => ListSemantics.KeyElement(i, kind.Keys)).ToList();
        var newKeys = newer.Select(i => ListSemantics.KeyElement(i, kind.Keys)).ToList();
        if (oldKeys.Any(k => k is null) || newKeys.Any(k => k is null))
            return false;

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
            removed.Add([.. path, key!]);

        return true;
    }
}
