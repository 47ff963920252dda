using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Serialization;

namespace FleetOps.KubeEmulator.Validation;

/// <summary>
/// Bad values as kube-apiserver 1.32 prints struct values in field errors: Go's <c>%#v</c> of the internal type
/// (e.g. <c>v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, ...}</c>), for the structs whose
/// immutability errors manifests commonly trip over.
/// </summary>
internal static class GoValues
{
    public static string LabelSelector(JsonNode? selector)
    {
        var text = new StringBuilder("v1.LabelSelector{MatchLabels:");
        text.Append(StringMap(selector?["matchLabels"] as JsonObject)).Append(", MatchExpressions:");
        if (selector?["matchExpressions"] is not JsonArray expressions)
            return text.Append("[]v1.LabelSelectorRequirement(nil)}").ToString();

        var items = expressions.Select(e => "v1.LabelSelectorRequirement{Key:" + Quote(Json.Text(e?["key"]))
            + ", Operator:" + Quote(Json.Text(e?["operator"])) + ", Values:" + StringSlice(e?["values"] as JsonArray) + "}");
        return text.Append("[]v1.LabelSelectorRequirement{").AppendJoin(", ", items).Append("}}").ToString();
    }

    public static string RoleRef(JsonNode? roleRef) =>
        "rbac.RoleRef{APIGroup:" + Quote(Json.Text(roleRef?["apiGroup"])) + ", Kind:" + Quote(Json.Text(roleRef?["kind"]))
        + ", Name:" + Quote(Json.Text(roleRef?["name"])) + "}";

    /// <summary>Go's <c>%q</c> of a string.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                < ' ' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    private static string StringMap(JsonObject? map) => map is null
        ? "map[string]string(nil)"
        : "map[string]string{" + string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Quote(p.Key) + ":" + Quote(Json.Text(p.Value)))) + "}";

    private static string StringSlice(JsonArray? values) => values is null
        ? "[]string(nil)"
        : "[]string{" + string.Join(", ", values.Select(v => Quote(Json.Text(v)))) + "}";
}
