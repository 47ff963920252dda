using System.Collections.Frozen;
using System.Text.Json.Nodes;
using FleetOps.Shared.Kubernetes.CustomResources;
using FleetOps.Shared.Kubernetes.Decoding;
using FleetOps.Shared.Kubernetes.Validation;

namespace FleetOps.Shared.Kubernetes;

/// <summary>
/// The structural schemas of custom resources, read from CustomResourceDefinitions (apiextensions.k8s.io/v1):
/// one per served version, found by the custom resource's apiVersion and kind.
/// </summary>
public sealed class CustomResourceSchemas
{
    private readonly FrozenDictionary<(string ApiVersion, string Kind), StructuralSchema> schemas;

    private CustomResourceSchemas(Dictionary<(string, string), StructuralSchema> schemas) => this.schemas = schemas.ToFrozenDictionary();

    public static CustomResourceSchemas Empty { get; } = new([]);

    /// <summary>Reads CRD objects; a definition without a group, kind or schema adds nothing.</summary>
    public static CustomResourceSchemas From(IEnumerable<JsonObject> definitions)
    {
        var schemas = new Dictionary<(string, string), StructuralSchema>();
        foreach (var crd in definitions)
        {
            var spec = crd["spec"] as JsonObject;
            var group = JsonText.String(spec?["group"]);
            var kind = JsonText.String(Values.At(spec?["names"], "kind"));
            if (group is null || kind is null)
                continue;

            foreach (var version in (spec!["versions"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var name = JsonText.String(version["name"]);
                var served = JsonText.KindOf(version["served"]) != System.Text.Json.JsonValueKind.False;
                if (name is not null && served && Values.At(version["schema"], "openAPIV3Schema") is JsonObject schema)
                    schemas[($"{group}/{name}", kind)] = StructuralSchema.From(schema);
            }
        }

        return new CustomResourceSchemas(schemas);
    }

    public bool Defines(string apiVersion, string kind) => schemas.ContainsKey((apiVersion, kind));

    internal StructuralSchema? Find(string apiVersion, string kind) => schemas.GetValueOrDefault((apiVersion, kind));
}
