using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.FieldManagement;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Storage;

namespace FleetOps.KubeEmulator.Simulation;

/// <summary>
/// k3s's volume controllers with its local-path provisioner: a Pending claim of a StorageClass binds (a PV is
/// provisioned) at once for an Immediate class, and once something mounts it for a WaitForFirstConsumer class such as
/// local-path; a claim without a class, or of a class that does not exist, stays Pending. The protection controllers
/// let a deleted claim go once nothing mounts it, and a deleted PV once no claim holds it; a released PV is deleted
/// (reclaimPolicy Delete) or kept Released. Callers hold the cluster lock.
/// </summary>
internal sealed class VolumeController(ObjectStore store, TimeProvider time, string node, ObjectLifecycle lifecycle)
{
    public const string ClaimProtection = "kubernetes.io/pvc-protection";

    public const string VolumeProtection = "kubernetes.io/pv-protection";

    public void Reconcile()
    {
        if (!store.Any(VolumeConsumers.Claims.StoreKey) && !store.Any(VolumeConsumers.Volumes.StoreKey))
            return;

        var used = VolumeConsumers.InUse(store);
        foreach (var claim in store.All(VolumeConsumers.Claims.StoreKey))
        {
            var key = ObjectStore.Key((string?)claim["metadata"]?["namespace"] ?? "", (string?)claim["metadata"]?["name"] ?? "");
            if (claim["metadata"]?["deletionTimestamp"] is not null)
            {
                if (!used.Contains(key))
                    Unprotect(VolumeConsumers.Claims, claim, ClaimProtection);
            }
            else if ((string?)claim["status"]?["phase"] is null or "Pending")
            {
                Bind(claim, used.Contains(key));
            }
        }

        foreach (var volume in store.All(VolumeConsumers.Volumes.StoreKey))
        {
            if (volume["metadata"]?["deletionTimestamp"] is not null && BoundClaim(volume) is null)
                Unprotect(VolumeConsumers.Volumes, volume, VolumeProtection);
        }
    }

    /// <summary>What becomes of a removed claim's volume: deleted with reclaimPolicy Delete, otherwise Released.</summary>
    public void Reclaim(JsonObject claim)
    {
        if ((string?)claim["spec"]?["volumeName"] is not { Length: > 0 } name || store.Find(VolumeConsumers.Volumes, "", name) is not { } volume)
            return;

        if ((string?)volume["spec"]?["persistentVolumeReclaimPolicy"] == "Delete")
        {
            lifecycle.Remove(VolumeConsumers.Volumes.StoreKey, volume);
            return;
        }

        var released = (JsonObject)volume.DeepClone();
        released["status"] = new JsonObject { ["phase"] = "Released" };
        Save(VolumeConsumers.Volumes, volume, released, "status");
    }

    private void Bind(JsonObject claim, bool mounted)
    {
        var className = (string?)claim["spec"]?["storageClassName"];
        if (string.IsNullOrEmpty(className) || StatusSimulator.IsNeverReady(claim)
            || store.Find(VolumeConsumers.StorageClasses, "", className) is not { } storageClass)
        {
            return;
        }

        var waitsForConsumer = (string?)storageClass["volumeBindingMode"] == "WaitForFirstConsumer";
        if (waitsForConsumer && !mounted)
            return;

        var provisioner = (string?)storageClass["provisioner"] ?? "";
        var volume = Provision(claim, storageClass, provisioner);
        var bound = (JsonObject)claim.DeepClone();
        bound["spec"]!["volumeName"] = (string)volume["metadata"]!["name"]!;
        var annotations = bound["metadata"]!["annotations"] as JsonObject ?? new JsonObject();
        bound["metadata"]!["annotations"] = annotations;
        annotations["pv.kubernetes.io/bind-completed"] = "yes";
        annotations["pv.kubernetes.io/bound-by-controller"] = "yes";
        annotations["volume.beta.kubernetes.io/storage-provisioner"] = provisioner;
        annotations["volume.kubernetes.io/storage-provisioner"] = provisioner;
        if (waitsForConsumer)
            annotations["volume.kubernetes.io/selected-node"] = node;

        var now = Timestamps.Now(time);
        FieldManager.RecordUpdate(claim, bound, SimulatedControllers.ControllerManager, VolumeConsumers.Claims, null, now);
        var withStatus = (JsonObject)bound.DeepClone();
        withStatus["status"] = new JsonObject
        {
            ["phase"] = "Bound",
            ["accessModes"] = claim["spec"]?["accessModes"]?.DeepClone() ?? new JsonArray("ReadWriteOnce"),
            ["capacity"] = new JsonObject { ["storage"] = Json.Text(claim["spec"]?["resources"]?["requests"]?["storage"]) is { Length: > 0 } size ? size : "1Gi" },
        };
        Save(VolumeConsumers.Claims, bound, withStatus, "status");
    }

    private JsonObject Provision(JsonObject claim, JsonObject storageClass, string provisioner)
    {
        var metadata = claim["metadata"]!;
        var uid = (string)metadata["uid"]!;
        var (ns, name) = ((string)metadata["namespace"]!, (string)metadata["name"]!);
        var now = Timestamps.Now(time);
        var volume = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "PersistentVolume",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"pvc-{uid}",
                ["uid"] = Guid.NewGuid().ToString(),
                ["creationTimestamp"] = now,
                ["annotations"] = new JsonObject
                {
                    ["local.path.provisioner/selected-node"] = node,
                    ["pv.kubernetes.io/provisioned-by"] = provisioner,
                },
                ["finalizers"] = new JsonArray(VolumeProtection),
            },
            ["spec"] = new JsonObject
            {
                ["accessModes"] = claim["spec"]?["accessModes"]?.DeepClone() ?? new JsonArray("ReadWriteOnce"),
                ["capacity"] = new JsonObject { ["storage"] = claim["spec"]?["resources"]?["requests"]?["storage"]?.DeepClone() ?? "1Gi" },
                ["claimRef"] = new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "PersistentVolumeClaim",
                    ["name"] = name,
                    ["namespace"] = ns,
                    ["resourceVersion"] = (string?)metadata["resourceVersion"],
                    ["uid"] = uid,
                },
                ["hostPath"] = new JsonObject { ["path"] = $"/var/lib/rancher/k3s/storage/pvc-{uid}_{ns}_{name}", ["type"] = "DirectoryOrCreate" },
                ["nodeAffinity"] = NodeAffinity(node),
                ["persistentVolumeReclaimPolicy"] = (string?)storageClass["reclaimPolicy"] ?? "Delete",
                ["storageClassName"] = (string?)storageClass["metadata"]?["name"],
                ["volumeMode"] = (string?)claim["spec"]?["volumeMode"] ?? "Filesystem",
            },
        };
        FieldManager.RecordUpdate(null, volume, "local-path-provisioner", VolumeConsumers.Volumes, null, now);
        var stored = store.Put(VolumeConsumers.Volumes, CanonicalOrder.Apply(volume), created: true);
        var withStatus = (JsonObject)stored.DeepClone();
        withStatus["status"] = new JsonObject { ["phase"] = "Bound" };
        return Save(VolumeConsumers.Volumes, stored, withStatus, "status");
    }

    /// <summary>A protection controller lets a deleting object go: its finalizer leaves, and with the last one the object.</summary>
    private void Unprotect(ResourceType type, JsonObject obj, string finalizer)
    {
        if (obj["metadata"]?["finalizers"] is not JsonArray finalizers || !finalizers.Any(f => (string?)f == finalizer))
            return;

        var released = (JsonObject)obj.DeepClone();
        var rest = finalizers.Where(f => (string?)f != finalizer).Select(f => f?.DeepClone()).ToArray();
        if (rest.Length == 0)
            released["metadata"]!.AsObject().Remove("finalizers");
        else
            released["metadata"]!["finalizers"] = new JsonArray(rest);

        var stored = Save(type, obj, released, null);
        if (rest.Length == 0)
            lifecycle.Remove(type.StoreKey, stored);
    }

    private JsonObject? BoundClaim(JsonObject volume)
    {
        var claimRef = volume["spec"]?["claimRef"];
        var claim = (string?)claimRef?["name"] is { } name ? store.Find(VolumeConsumers.Claims, (string?)claimRef?["namespace"] ?? "", name) : null;
        return claim is not null && (string?)claim["metadata"]?["uid"] == (string?)claimRef?["uid"] ? claim : null;
    }

    private JsonObject Save(ResourceType type, JsonObject old, JsonObject candidate, string? subresource)
    {
        FieldManager.RecordUpdate(old, candidate, SimulatedControllers.ControllerManager, type, subresource, Timestamps.Now(time));
        return store.Put(type, CanonicalOrder.Apply(candidate), created: false);
    }

    private static JsonObject NodeAffinity(string node) => new()
    {
        ["required"] = new JsonObject
        {
            ["nodeSelectorTerms"] = new JsonArray(new JsonObject
            {
                ["matchExpressions"] = new JsonArray(new JsonObject
                {
                    ["key"] = "kubernetes.io/hostname",
                    ["operator"] = "In",
                    ["values"] = new JsonArray(node),
                }),
            }),
        },
    };
}
