namespace FleetOps.Shared.Kubernetes.Models;

/// <summary>
/// The built-in lists server-side apply merges by key (<c>x-kubernetes-list-type: map</c> and its keys) or as a set,
/// by the Go struct that holds them. Everything else is atomic. Needed to name list items the way
/// structured-merge-diff does (<c>containers[name="app"]</c>) and to find the duplicate keys it refuses.
/// </summary>
internal static class AssociativeLists
{
    private static readonly string[] Name = ["name"];

    private static readonly Dictionary<(string Struct, string Field), string[]> Keys = new()
    {
        [("PodSpec", "containers")] = Name,
        [("PodSpec", "initContainers")] = Name,
        [("PodSpec", "ephemeralContainers")] = Name,
        [("PodSpec", "volumes")] = Name,
        [("PodSpec", "imagePullSecrets")] = Name,
        [("PodSpec", "resourceClaims")] = Name,
        [("PodSpec", "schedulingGates")] = Name,
        [("PodSpec", "hostAliases")] = ["ip"],
        [("PodSpec", "topologySpreadConstraints")] = ["topologyKey", "whenUnsatisfiable"],
        [("Container", "env")] = Name,
        [("Container", "ports")] = ["containerPort", "protocol"],
        [("Container", "volumeMounts")] = ["mountPath"],
        [("Container", "volumeDevices")] = ["devicePath"],
        [("EphemeralContainer", "env")] = Name,
        [("EphemeralContainer", "ports")] = ["containerPort", "protocol"],
        [("EphemeralContainer", "volumeMounts")] = ["mountPath"],
        [("EphemeralContainer", "volumeDevices")] = ["devicePath"],
        [("ServiceSpec", "ports")] = ["port", "protocol"],
        [("ObjectMeta", "ownerReferences")] = ["uid"],
        [("ObjectMeta", "finalizers")] = [],
    };

    /// <summary>Key fields the schemas give a default, so an item without them still has a key (ports are TCP).</summary>
    private static readonly Dictionary<string, string> KeyDefaults = new(StringComparer.Ordinal) { ["protocol"] = "TCP" };

    public static string[]? For(string goStruct, string field) => Keys.GetValueOrDefault((goStruct, field));

    public static string? DefaultOf(string key) => KeyDefaults.GetValueOrDefault(key);
}
