using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Simulation;
using FleetOps.KubeEmulator.Storage;

namespace FleetOps.KubeEmulator.Writes;

/// <summary>
/// Deletes objects: checks the delete preconditions, lets finalized objects and namespaces linger as terminating,
/// and removes the rest, through the <see cref="ObjectLifecycle"/> the controllers watch. Callers hold the cluster lock.
/// </summary>
internal sealed class ObjectDeleter(ObjectLifecycle lifecycle)
{
    /// <summary>Resources whose registries answer a delete with the deleted object rather than a Status (ReturnDeletedObject).</summary>
    private static readonly HashSet<string> ReturnDeletedObject = new(StringComparer.Ordinal)
    {
        "/pods", "/services", "/serviceaccounts", "storage.k8s.io/storageclasses",
    };

    public ApiResult Delete(ResourceType type, JsonObject obj, DeleteOptions options)
    {
        var metadata = obj["metadata"]!.AsObject();
        var name = (string)metadata["name"]!;
        CheckPreconditions(type, name, metadata, options);
        var finalizers = metadata["finalizers"] as JsonArray;
        if (type == BuiltInResources.Namespace || finalizers is { Count: > 0 })
        {
            // Finalized objects (and namespaces, whose contents must go first) linger with a deletionTimestamp.
            var terminating = lifecycle.MarkDeleting(type.StoreKey, obj, options.DryRun);
            return new ApiResult(200, Wire.Object(terminating, type.ApiVersion));
        }

        if (!options.DryRun)
            Remove(type, obj);

        return ReturnDeletedObject.Contains(type.StoreKey)
            ? new ApiResult(200, Wire.Object(obj, type.ApiVersion))
            : new ApiResult(200, Wire.Object(DeletedStatus(type, name, metadata)));
    }

    /// <summary>Removes an object from the store now; used once nothing holds its deletion back any more.</summary>
    public void Remove(ResourceType type, JsonObject obj) => lifecycle.Remove(type.StoreKey, obj);

    private static void CheckPreconditions(ResourceType type, string name, JsonObject metadata, DeleteOptions options)
    {
        if (options.PreconditionUid is { } uid && uid != (string?)metadata["uid"])
            throw ApiErrors.Precondition(type, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {(string?)metadata["uid"]}");

        if (options.PreconditionResourceVersion is { } rv && rv != (string?)metadata["resourceVersion"])
            throw ApiErrors.Precondition(type, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {(string?)metadata["resourceVersion"]}");
    }

    /// <summary>The Status a delete answers with once the object is gone.</summary>
    private static JsonObject DeletedStatus(ResourceType type, string name, JsonObject metadata)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
            details["group"] = type.Group;

        details["kind"] = type.Plural;
        details["uid"] = (string?)metadata["uid"];
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }
}
