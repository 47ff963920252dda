using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Serialization;

namespace FleetOps.KubeEmulator.Selectors;

/// <summary>A LabelSelector object as apimachinery prints the selector it converts to (a Scale's status.selector).</summary>
internal static class SelectorText
{
    /// <summary>Requirements sorted by key, values sorted: <c>app=web,tier in (backend,cache)</c>.</summary>
    public static string Format(JsonObject? selector)
    {
        var requirements = new List<(string Key, string Text)>();
        foreach (var (key, value) in selector?["matchLabels"] as JsonObject ?? [])
            requirements.Add((key, $"{key}={Json.Text(value)}"));

        foreach (var expression in selector?["matchExpressions"] as JsonArray ?? [])
        {
            var key = Json.Text(expression?["key"]);
            var values = string.Join(",", (expression?["values"] as JsonArray ?? []).Select(Json.Text).Order(StringComparer.Ordinal));
            requirements.Add((key, Json.Text(expression?["operator"]) switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key,
                _ => "!" + key,
            }));
        }

        return string.Join(",", requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
    }
}
