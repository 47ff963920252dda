using System.Text.Json.Nodes;

namespace FleetOps.KubeEmulator.FieldManagement;

/// <summary>
/// How the built-in schemas merge lists and maps (their <c>x-kubernetes-list-type</c>, list-map keys and
/// atomic maps), for the fields manifests use. Anything not listed is atomic, as for a CRD without hints.
/// </summary>
internal static class ListSemantics
{
    private static readonly Dictionary<string, string[]> KeyedByField = new(StringComparer.Ordinal)
    {
        ["containers"] = ["name"],
        ["initContainers"] = ["name"],
        ["ephemeralContainers"] = ["name"],
        ["volumes"] = ["name"],
        ["env"] = ["name"],
        ["imagePullSecrets"] = ["name"],
        ["volumeMounts"] = ["mountPath"],
        ["volumeDevices"] = ["devicePath"],
        ["hostAliases"] = ["ip"],
        ["conditions"] = ["type"],
        ["topologySpreadConstraints"] = ["topologyKey", "whenUnsatisfiable"],
        ["resourceClaims"] = ["name"],
    };

    private static readonly HashSet<string> AtomicMaps = new(StringComparer.Ordinal)
    {
        "selector", "podSelector", "namespaceSelector", "labelSelector",
    };

    /// <summary>Key-field defaults the schemas declare, so an omitted protocol still keys as TCP.</summary>
    private static readonly Dictionary<string, string> KeyDefaults = new(StringComparer.Ordinal) { ["protocol"] = "TCP" };

    public static ListKind Classify(string field, JsonArray? sample, bool builtIn, bool inMetadata)
    {
        if (inMetadata)
        {
            return field switch
            {
                "finalizers" => new ListKind(ListType.Set, []),
                "ownerReferences" => new ListKind(ListType.Map, ["uid"]),
                _ => ListKind.Atomic,
            };
        }

        if (!builtIn)
            return ListKind.Atomic;

        if (field == "ports")
        {
            var containerPorts = sample?.Any(i => i is JsonObject o && o.ContainsKey("containerPort")) == true;
            return new ListKind(ListType.Map, containerPorts ? ["containerPort", "protocol"] : ["port", "protocol"]);
        }

        return KeyedByField.TryGetValue(field, out var keys) ? new ListKind(ListType.Map, keys) : ListKind.Atomic;
    }

    public static bool IsAtomicMap(string field, bool builtIn) => builtIn && AtomicMaps.Contains(field);

    /// <summary>The path element of a list-map item, <c>k:{"containerPort":80,"protocol":"TCP"}</c>, or null if a key is missing.</summary>
    public static string? KeyElement(JsonNode? item, string[] keys)
    {
        if (item is not JsonObject obj)
            return null;

        var key = new JsonObject();
        foreach (var name in keys.Order(StringComparer.Ordinal))
        {
            var value = obj[name];
            if (value is null)
            {
                if (!KeyDefaults.TryGetValue(name, out var fallback))
                    return null;

                value = JsonValue.Create(fallback);
            }

            key[name] = value.DeepClone();
        }

        return "k:" + key.ToJsonString();
    }

    public static string ValueElement(JsonNode? item) => "v:" + (item?.ToJsonString() ?? "null");
}
