using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.FieldManagement;

namespace FleetOps.KubeEmulator.Patching;

/// <summary>
/// Strategic merge patch for built-in kinds: a merge patch whose list-maps merge by their patch merge key,
/// with the <c>$patch</c>, <c>$retainKeys</c>, <c>$deleteFromPrimitiveList</c> and <c>$setElementOrder</c> directives.
/// </summary>
internal static class StrategicMergePatch
{
    private const string SetElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch) => Merge(target, patch, null, 0, false);

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch, string? field, int depth, bool inMetadata)
    {
        switch (patch)
        {
            case JsonObject p:
                return MergeObject(target as JsonObject, p, depth, inMetadata);
            case JsonArray a:
                return MergeList(target as JsonArray, a, field, inMetadata);
            default:
                return patch?.DeepClone();
        }
    }

    private static JsonObject? MergeObject(JsonObject? target, JsonObject patch, int depth, bool inMetadata)
    {
        switch ((string?)patch["$patch"])
        {
            case "delete":
                return null;
            case "replace":
                return StripDirectives(patch);
        }

        var result = (JsonObject?)target?.DeepClone() ?? new JsonObject();
        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => (string?)k).ToHashSet();
            foreach (var name in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
                result.Remove(name);
        }

        foreach (var (name, value) in patch)
        {
            if (name.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                var list = name[DeleteFromPrimitiveList.Length..];
                if (result[list] is JsonArray existing && value is JsonArray doomed)
                    result[list] = new JsonArray(existing.Where(i => !doomed.Any(d => JsonNode.DeepEquals(d, i))).Select(i => i?.DeepClone()).ToArray());

                continue;
            }

            if (name.StartsWith('$'))
                continue;

            if (value is null)
            {
                result.Remove(name);
                continue;
            }

            var merged = Merge(result[name], value, name, depth + 1, inMetadata || (depth == 0 && name == "metadata"));
            if (merged is null)
                result.Remove(name);
            else
                result[name] = merged;
        }

        return result;
    }

    private static JsonArray? MergeList(JsonArray? target, JsonArray patch, string? field, bool inMetadata)
    {
        if (patch.Any(i => i is JsonObject o && (string?)o["$patch"] == "replace"))
            return new JsonArray(patch.Where(i => !(i is JsonObject o && o.ContainsKey("$patch"))).Select(i => i?.DeepClone()).ToArray());

        var kind = ListSemantics.Classify(field ?? "", patch.Count > 0 ? patch : target, builtIn: true, inMetadata);
        if (kind.Type == ListType.Set)
        {
            var union = (JsonArray?)target?.DeepClone() ?? [];
            foreach (var item in patch.Where(i => !union.Any(x => JsonNode.DeepEquals(x, i))))
                union.Add(item?.DeepClone());

            return union;
        }

        if (kind.Type != ListType.Map || target is null)
            return new JsonArray(patch.Where(i => !(i is JsonObject o && (string?)o["$patch"] == "delete")).Select(i => i is JsonObject o ? StripDirectives(o) : i?.DeepClone()).ToArray());

        // Strategic merge patch keys list items by one field (its patchMergeKey), not the full list-map key.
        var mergeKey = kind.Keys[0];
        var items = target.Select(i => i?.DeepClone()).ToList();
        foreach (var item in patch)
        {
            if (item is not JsonObject patchItem)
            {
                items.Add(item?.DeepClone());
                continue;
            }

            var at = items.FindIndex(i => i is JsonObject o && JsonNode.DeepEquals(o[mergeKey], patchItem[mergeKey]));
            if ((string?)patchItem["$patch"] == "delete")
            {
                if (at >= 0)
                    items.RemoveAt(at);

                continue;
            }

            if (at >= 0)
                items[at] = MergeObject(items[at] as JsonObject, patchItem, 2, false);
            else
                items.Add(StripDirectives(patchItem));
        }

        // Deleting the last item leaves an empty list, which the API server's typed round trip drops.
        return items.Count == 0 ? null : new JsonArray([.. items]);
    }

    private static JsonObject StripDirectives(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in obj)
        {
            if (!name.StartsWith('$'))
                copy[name] = value is JsonObject o ? StripDirectives(o) : value?.DeepClone();
        }

        return copy;
    }
}
