using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Storage;

namespace FleetOps.KubeEmulator.Simulation;

/// <summary>
/// Which PersistentVolumeClaims something mounts: a Pod that has not finished, or a workload whose pods would
/// (the emulator creates no pods for workloads, so a workload's template stands in for its pods).
/// </summary>
internal static class VolumeConsumers
{
    public static readonly ResourceType Claims = Find("persistentvolumeclaims");

    public static readonly ResourceType Volumes = Find("persistentvolumes");

    public static readonly ResourceType StorageClasses = BuiltInResources.Types.Single(t => t.Plural == "storageclasses");

    private static readonly ResourceType Pods = Find("pods");

    private static readonly ResourceType[] Workloads =
        [.. BuiltInResources.Types.Where(t => t.Kind is "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job")];

    /// <summary>Whether a change to an object of this resource can bind or release a claim.</summary>
    public static bool Affects(string storeKey) =>
        storeKey == Claims.StoreKey || storeKey == Volumes.StoreKey || storeKey == StorageClasses.StoreKey
        || storeKey == Pods.StoreKey || Workloads.Any(w => w.StoreKey == storeKey);

    /// <summary>The claims in use, as <c>namespace/name</c>.</summary>
    public static HashSet<string> InUse(ObjectStore store)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, pod) in store.Scan(Pods, null))
        {
            if ((string?)pod["status"]?["phase"] is not ("Succeeded" or "Failed"))
                AddClaims(pod, pod["spec"], used);
        }

        foreach (var workload in Workloads)
        {
            foreach (var (_, obj) in store.Scan(workload, null))
            {
                if (Json.Int(obj["spec"]?["replicas"]) != 0)
                    AddClaims(obj, obj["spec"]?["template"]?["spec"], used);
            }
        }

        return used;
    }

    private static void AddClaims(JsonObject owner, JsonNode? podSpec, HashSet<string> used)
    {
        var ns = (string?)owner["metadata"]?["namespace"] ?? "";
        foreach (var volume in podSpec?["volumes"]?.AsArray() ?? [])
        {
            if ((string?)volume?["persistentVolumeClaim"]?["claimName"] is { Length: > 0 } claim)
                used.Add(ObjectStore.Key(ns, claim));
        }
    }

    private static ResourceType Find(string plural) => BuiltInResources.Types.Single(t => t.Group.Length == 0 && t.Plural == plural);
}
