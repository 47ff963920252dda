using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Selectors;
using FleetOps.KubeEmulator.Serialization;

namespace FleetOps.KubeEmulator.Storage;

/// <summary>Which stored objects a list or deletecollection selects, and a list's pages and continue tokens.</summary>
internal static class ObjectQuery
{
    /// <summary>Objects matching both selectors, in key order, optionally in one namespace and after a key.</summary>
    public static IEnumerable<(string Key, JsonObject Object)> Matching(
        ObjectStore store, ResourceType type, string? ns, LabelSelector labels, FieldSelector fields, string? after = null) =>
        store.Scan(type, ns, after).Where(o => Matches(o.Object, labels, fields));

    /// <summary>A list response; with a limit, one page and a continue token naming the last key on it.</summary>
    public static ApiResult List(ObjectStore store, ResourceType type, string? ns, LabelSelector labels, FieldSelector fields, int limit, string? continueToken)
    {
        var after = DecodeContinue(continueToken);
        var matches = Matching(store, type, ns, labels, fields, after);
        string? next = null;
        long? remaining = null;
        List<(string Key, JsonObject Object)> items;
        if (limit > 0)
        {
            var all = matches.ToList();
            items = all.Take(limit).ToList();
            if (all.Count > limit)
            {
                next = Convert.ToBase64String(Encoding.UTF8.GetBytes(items[^1].Key));
                remaining = all.Count - limit;
            }
        }
        else
        {
            items = matches.ToList();
        }

        var rv = store.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        return new ApiResult(200, Wire.List(type.Kind + "List", type.ApiVersion, rv, next, remaining, items.Select(i => i.Object)));
    }

    private static bool Matches(JsonObject obj, LabelSelector labels, FieldSelector fields) =>
        labels.Matches(obj["metadata"]?["labels"] as JsonObject) && fields.Matches(obj);

    private static string? DecodeContinue(string? token)
    {
        if (string.IsNullOrEmpty(token))
            return null;

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw ApiErrors.BadRequest("invalid continue token");
        }
    }
}
