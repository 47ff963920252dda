using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FleetOps.Shared.Kubernetes.Decoding;

namespace FleetOps.Shared.Kubernetes.CustomResources;

/// <summary>
/// One node of a CRD's structural <c>openAPIV3Schema</c>, read once: the parts kube-apiserver uses to prune, default
/// and validate a custom resource (types, properties, items, required, enum, bounds, pattern, defaults, and the
/// x-kubernetes extensions for unknown fields, int-or-string, embedded resources and list types).
/// </summary>
internal sealed class StructuralSchema
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    public string? Type { get; private init; }

    public bool Nullable { get; private init; }

    public bool PreserveUnknownFields { get; private init; }

    public bool IntOrString { get; private init; }

    public bool EmbeddedResource { get; private init; }

    public IReadOnlyDictionary<string, StructuralSchema> Properties { get; private init; } = new Dictionary<string, StructuralSchema>();

    public StructuralSchema? AdditionalProperties { get; private init; }

    /// <summary><c>additionalProperties: true</c>: any extra property is kept as it is.</summary>
    public bool AnyAdditionalProperties { get; private init; }

    public StructuralSchema? Items { get; private init; }

    public IReadOnlyList<string> Required { get; private init; } = [];

    public JsonArray? Enum { get; private init; }

    public double? Minimum { get; private init; }

    public double? Maximum { get; private init; }

    public bool ExclusiveMinimum { get; private init; }

    public bool ExclusiveMaximum { get; private init; }

    public string? Pattern { get; private init; }

    public Regex? PatternRegex { get; private init; }

    public JsonNode? Default { get; private init; }

    /// <summary>For arrays: null (atomic), the keys of a <c>map</c> list, or empty for a <c>set</c>.</summary>
    public string[]? ListKeys { get; private init; }

    public static StructuralSchema From(JsonNode? schema)
    {
        var node = schema as JsonObject;
        var additional = node?["additionalProperties"];
        return new StructuralSchema
        {
            Type = JsonText.String(node?["type"]),
            Nullable = Flag(node, "nullable"),
            PreserveUnknownFields = Flag(node, "x-kubernetes-preserve-unknown-fields"),
            IntOrString = Flag(node, "x-kubernetes-int-or-string"),
            EmbeddedResource = Flag(node, "x-kubernetes-embedded-resource"),
            Properties = (node?["properties"] as JsonObject ?? [])
                .ToDictionary(p => p.Key, p => From(p.Value), StringComparer.Ordinal),
            AdditionalProperties = additional is JsonObject ? From(additional) : null,
            AnyAdditionalProperties = JsonText.KindOf(additional) == System.Text.Json.JsonValueKind.True,
            Items = node?["items"] is JsonObject items ? From(items) : null,
            Required = (node?["required"] as JsonArray ?? []).Select(JsonText.String).OfType<string>().ToList(),
            Enum = node?["enum"] as JsonArray,
            Minimum = Number(node?["minimum"]),
            Maximum = Number(node?["maximum"]),
            ExclusiveMinimum = Flag(node, "exclusiveMinimum"),
            ExclusiveMaximum = Flag(node, "exclusiveMaximum"),
            Pattern = JsonText.String(node?["pattern"]),
            PatternRegex = Compile(JsonText.String(node?["pattern"])),
            Default = node?["default"],
            ListKeys = ListKeysOf(node),
        };
    }

    private static bool Flag(JsonObject? node, string name) => JsonText.KindOf(node?[name]) == System.Text.Json.JsonValueKind.True;

    private static double? Number(JsonNode? node) =>
        JsonText.KindOf(node) == System.Text.Json.JsonValueKind.Number
        && double.TryParse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string[]? ListKeysOf(JsonObject? node) => JsonText.String(node?["x-kubernetes-list-type"]) switch
    {
        "map" => (node?["x-kubernetes-list-map-keys"] as JsonArray ?? []).Select(JsonText.String).OfType<string>().ToArray(),
        "set" => [],
        _ => null,
    };

    // A pattern .NET cannot compile is skipped rather than failing every object of the kind.
    private static Regex? Compile(string? pattern)
    {
        if (pattern is null)
            return null;

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
