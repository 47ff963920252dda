using System.Text.Json.Nodes;

namespace FleetOps.KubeEmulator.FieldManagement;

/// <summary>
/// How server-side apply merges an applied configuration into the live object. List and map semantics come
/// from <see cref="ListSemantics"/>; which fields the merge may touch is decided by <see cref="FieldManager"/>.
/// </summary>
internal static class ApplyMerge
{
    /// <summary>Merges an applied configuration into a live object: maps field by field, list-maps by key, the rest replaced.</summary>
    public static JsonObject Merge(JsonObject live, JsonObject applied, bool builtIn) =>
        (JsonObject)MergeNode(live, applied, new WalkContext(null, builtIn, false))!;

    private static JsonNode? MergeNode(JsonNode? live, JsonNode? applied, WalkContext context)
    {
        if (applied is JsonObject a && live is JsonObject l && !ListSemantics.IsAtomicMap(context.Field ?? "", context.BuiltIn))
        {
            var result = (JsonObject)l.DeepClone();
            foreach (var (name, value) in a)
            {
                if (value is null)
                    continue;

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
                    union.Add(item?.DeepClone());

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
                            items[at] = MergeNode(la[at], aa[i], context.Item());
                        else
                            items.Add(aa[i]?.DeepClone());
                    }

                    return new JsonArray([.. items]);
                }
            }
        }

        return applied?.DeepClone();
    }
}
