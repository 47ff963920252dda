using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// Decides whether a live object still carries every field the manifest sets. The API server adds
/// defaults and status, so "in sync" means: each field of the manifest is present in the live object
/// with an equal value (maps compared key by key, lists element by element with equal length).
/// </summary>
public static class DriftComparer
{
    public static bool InSync(JsonObject desired, JsonObject live)
    {
        foreach (var (key, value) in desired)
        {
            if (key is "status")
                continue;
            if (!live.TryGetPropertyValue(key, out var liveValue) || !Contains(value, liveValue))
                return false;
        }
        return true;
    }

    private static bool Contains(JsonNode? desired, JsonNode? live)
    {
        switch (desired)
        {
            case null:
                return live is null;
            case JsonObject d:
                if (live is not JsonObject l)
                    return false;
                foreach (var (key, value) in d)
                {
                    if (!l.TryGetPropertyValue(key, out var lv))
                    {
                        // An explicit null in a manifest means "unset"; an absent live field agrees.
                        if (value is null)
                            continue;
                        return false;
                    }
                    if (!Contains(value, lv))
                        return false;
                }
                return true;
            case JsonArray d:
                if (live is not JsonArray la || la.Count != d.Count)
                    return false;
                for (var i = 0; i < d.Count; i++)
                {
                    if (!Contains(d[i], la[i]))
                        return false;
                }
                return true;
            case JsonValue d:
                return live is JsonValue lvv && ScalarEquals(d, lvv);
            default:
                return false;
        }
    }

    // Numbers compare by value (2 == 2.0); a number and its string form differ (the API server keeps types).
    private static bool ScalarEquals(JsonValue a, JsonValue b)
    {
        var ka = a.GetValueKind();
        var kb = b.GetValueKind();
        if (ka == JsonValueKind.Number && kb == JsonValueKind.Number)
            return a.ToJsonString() == b.ToJsonString() || (Number(a, out var x) && Number(b, out var y) && x == y);
        if (ka != kb)
            return false;
        return ka switch
        {
            JsonValueKind.String => a.GetValue<string>() == b.GetValue<string>(),
            _ => a.ToJsonString() == b.ToJsonString(),
        };
    }

    // Works for parsed values and for values built in code (a renderer may hand us JsonValue<long>).
    private static bool Number(JsonValue v, out decimal n) =>
        decimal.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out n);
}
