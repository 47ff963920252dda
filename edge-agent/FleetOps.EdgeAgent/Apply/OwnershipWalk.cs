using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// Walks a manifest (nodes) and a FieldsV1 set (the parsed response, never turned into nodes) side by side (see
/// <see cref="FieldOwnership"/>). Collecting, it records up to a number of unowned paths; without a list to collect
/// into it answers yes or no and stops at the first miss.
/// </summary>
internal sealed class OwnershipWalk(List<string>? missing, int max)
{
    // The path walked so far: a field name, "[item]", or a list item with its key to show as [name=api].
    // Formatted only for a miss: a no-op run walks every field of every object and finds them all owned.
    private readonly List<object> path = [];

    public bool Full => missing is not null && missing.Count >= max;

    private bool Collecting => missing is not null;

    /// <summary>
    /// Whether every field <paramref name="value"/> sets is in <paramref name="node"/>, the set at its path;
    /// <paramref name="skip"/> names children of a map that no set ever holds (server-set metadata).
    /// </summary>
    public bool Field(JsonNode? value, JsonElement? node, string segment, IReadOnlySet<string>? skip = null)
    {
        path.Add(segment);
        var owned = Owned(value, node, skip);
        path.RemoveAt(path.Count - 1);
        return owned;
    }

    private bool Children(JsonObject map, JsonElement? node, IReadOnlySet<string>? skip)
    {
        var owned = true;
        foreach (var (key, value) in map)
        {
            if (skip?.Contains(key) == true)
                continue;
            owned &= Field(value, Child(node, key), key);
            if ((!owned && !Collecting) || Full)
                break;
        }
        return owned;
    }

    private bool Owned(JsonNode? value, JsonElement? node, IReadOnlySet<string>? skip)
    {
        // Null means "unset"; an empty map or list sets nothing to own (and the server may drop it altogether).
        if (value is null or JsonObject { Count: 0 } or JsonArray { Count: 0 })
            return true;
        // Not owned; a map is named down to its leaves, so the log says which value someone changed.
        if (node is not { } set)
            return value is JsonObject unowned ? Children(unowned, null, skip) : Miss();
        // A leaf: a scalar, or a map or list the schema makes atomic, owned whole.
        if (!set.EnumerateObject().MoveNext())
            return true;
        return value switch
        {
            JsonObject map => Children(map, set, skip),
            JsonArray list => Items(list, set),
            _ => true,
        };
    }

    private bool Items(JsonArray list, JsonElement node)
    {
        var keyed = Members(node, "k:");
        var set = keyed.Count == 0 ? Members(node, "v:") : [];
        var owned = true;
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i];
            if (keyed.Count > 0)
                owned &= KeyedItem(item, keyed, i);
            else if (set.Count > 0)
                owned &= item is null || set.Any(m => Same(m.Element, item)) || Miss($"[{item.ToJsonString()}]");
            else
                owned &= Field(item, Property(node, $"i:{i}"), $"[{i}]");
            if ((!owned && !Collecting) || Full)
                break;
        }
        return owned;
    }

    // An item of an associative list is owned under its key; a key field the manifest omits may have been
    // defaulted by the server (a port's protocol), so it matches any value there, an exact match preferred.
    private bool KeyedItem(JsonNode? item, List<(JsonNode Element, JsonElement Node)> keyed, int index)
    {
        if (item is not JsonObject fields)
            return item is null || Miss($"[{index}]");
        var candidates = keyed.Where(k => Matches(k.Element, fields)).ToList();
        if (candidates.Count == 0)
            return Miss((keyed[0].Element, fields));
        if (candidates.Count > 1)
        {
            candidates.Sort((a, b) => Defaulted(a.Element, fields).CompareTo(Defaulted(b.Element, fields)));
            if (candidates.Any(c => new OwnershipWalk(null, 1).Children(fields, c.Node, null)))
                return true;
        }
        path.Add((candidates[0].Element, fields));
        var owned = Children(fields, candidates[0].Node, null);
        path.RemoveAt(path.Count - 1);
        return owned;
    }

    private static bool Matches(JsonNode key, JsonObject item)
    {
        if (key is not JsonObject fields)
            return false;
        var named = false;
        foreach (var (name, value) in fields)
        {
            if (item[name] is not { } mine)
                continue;
            if (!Same(value, mine))
                return false;
            named = true;
        }
        return named;
    }

    private static int Defaulted(JsonNode key, JsonObject item) => ((JsonObject)key).Count(p => item[p.Key] is null);

    private bool Miss(object? last = null)
    {
        if (missing is null || missing.Count >= max)
            return false;
        var text = new System.Text.StringBuilder();
        foreach (var element in last is null ? path : path.Append(last))
        {
            text.Append(element switch
            {
                (JsonNode key, JsonObject item) => $"[{Describe(key as JsonObject, item)}]",
                string name when name.StartsWith('[') => name,
                var name => "." + name,
            });
        }
        missing.Add(text.ToString());
        return false;
    }

    // The set's child for a field: "f:" and the name, looked up without building the string where it is short.
    private static JsonElement? Child(JsonElement? node, string key)
    {
        if (node is not { } set)
            return null;
        if (key.Length > 254)
            return Property(set, "f:" + key);
        Span<char> name = stackalloc char[key.Length + 2];
        "f:".CopyTo(name);
        key.CopyTo(name[2..]);
        return set.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;
    }

    private static JsonElement? Property(JsonElement set, string name) =>
        set.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    private static List<(JsonNode Element, JsonElement Node)> Members(JsonElement node, string prefix)
    {
        var members = new List<(JsonNode, JsonElement)>();
        foreach (var property in node.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Object || !property.Name.StartsWith(prefix, StringComparison.Ordinal))
                continue;
            try
            {
                if (JsonNode.Parse(property.Name.AsSpan(prefix.Length).ToString()) is { } element)
                    members.Add((element, property.Value));
            }
            catch (JsonException)
            {
                // Not a key this walk can read: the item counts as not owned, and a dry run decides.
            }
        }
        return members;
    }

    // "name=api", or "containerPort=8080,protocol=TCP": the key fields the server keys the item by.
    private static string Describe(JsonObject? key, JsonObject item) =>
        key is null ? "?" : string.Join(",", key.Select(p => $"{p.Key}={Scalar(item[p.Key] ?? p.Value)}"));

    private static string Scalar(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "null";

    // Key fields and set members compare as JSON values; numbers by value (8080 == 8080.0).
    private static bool Same(JsonNode? a, JsonNode? b)
    {
        if (a is JsonValue x && b is JsonValue y && x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number)
            return Number(x) is { } m && Number(y) is { } n && m == n;
        return JsonNode.DeepEquals(a, b);
    }

    private static decimal? Number(JsonValue v)
    {
        if (v.TryGetValue<decimal>(out var d))
            return d;
        return decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d) ? d : null;
    }
}
