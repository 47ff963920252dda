using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Simulation;
using FleetOps.KubeEmulator.Storage;
using k8s.Models;

namespace FleetOps.KubeEmulator.Writes;

/// <summary>
/// The admission plugins of k3s's API server that change or refuse what manifests commonly hold: DefaultStorageClass
/// and StorageObjectInUseProtection (mutating, before validation) and PersistentVolumeClaimResize (validating, after).
/// </summary>
internal static class Admission
{
    private const string DefaultClassAnnotation = "storageclass.kubernetes.io/is-default-class";
    private const string BetaDefaultClassAnnotation = "storageclass.beta.kubernetes.io/is-default-class";

    /// <summary>What the mutating plugins add to a new object: a claim's default class, the protection finalizers.</summary>
    public static void Mutate(ObjectStore store, ResourceType type, JsonObject obj)
    {
        if (type == VolumeConsumers.Claims)
        {
            if (obj["spec"] is JsonObject spec && spec["storageClassName"] is null
                && obj["metadata"]?["annotations"]?["volume.beta.kubernetes.io/storage-class"] is null && DefaultClass(store) is { } name)
            {
                spec["storageClassName"] = name;
            }

            AddFinalizer(obj, VolumeController.ClaimProtection);
        }
        else if (type == VolumeConsumers.Volumes)
        {
            AddFinalizer(obj, VolumeController.VolumeProtection);
        }
    }

    /// <summary>What the validating plugins refuse: growing a claim that is not bound or whose class cannot expand.</summary>
    public static void Validate(ObjectStore store, ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (type != VolumeConsumers.Claims || old is null || !(Size(obj) > Size(old)))
            return;

        var name = (string?)obj["metadata"]?["name"] ?? "";
        if ((string?)old["status"]?["phase"] != "Bound")
            throw ApiErrors.Forbidden(type, name, "Only bound persistent volume claims can be expanded");

        var className = (string?)obj["spec"]?["storageClassName"];
        var storageClass = string.IsNullOrEmpty(className) ? null : store.Find(VolumeConsumers.StorageClasses, "", className);
        if (Json.Bool(storageClass?["allowVolumeExpansion"]) != true)
            throw ApiErrors.Forbidden(type, name, "only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize");
    }

    /// <summary>The default StorageClass; with several, the newest, as the plugin picks since 1.28.</summary>
    private static string? DefaultClass(ObjectStore store) =>
        store.All(VolumeConsumers.StorageClasses.StoreKey)
            .Where(c => IsTrue(c, DefaultClassAnnotation) || IsTrue(c, BetaDefaultClassAnnotation))
            .OrderByDescending(c => (string?)c["metadata"]?["creationTimestamp"], StringComparer.Ordinal)
            .Select(c => (string?)c["metadata"]?["name"])
            .FirstOrDefault();

    private static bool IsTrue(JsonObject obj, string annotation) => (string?)obj["metadata"]?["annotations"]?[annotation] == "true";

    private static void AddFinalizer(JsonObject obj, string finalizer)
    {
        var metadata = obj["metadata"]!.AsObject();
        if (metadata["finalizers"] is not JsonArray finalizers)
        {
            metadata["finalizers"] = new JsonArray(finalizer);
        }
        else if (!finalizers.Any(f => (string?)f == finalizer))
        {
            finalizers.Add(finalizer);
        }
    }

    private static decimal? Size(JsonObject claim)
    {
        try
        {
            return claim["spec"]?["resources"]?["requests"]?["storage"] is { } size ? new ResourceQuantity(Json.Text(size)).ToDecimal() : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
