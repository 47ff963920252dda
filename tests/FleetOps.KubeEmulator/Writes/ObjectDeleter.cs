using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Simulation;
using FleetOps.KubeEmulator.Storage;

namespace FleetOps.KubeEmulator.Writes;

/// <summary>
/// Deletes objects: checks the delete preconditions, lets finalized objects and namespaces linger as
/// terminating, and removes the rest (a CRD with every custom resource of it). Callers hold the cluster lock.
/// </summary>
internal sealed class ObjectDeleter(ObjectStore store, ResourceCatalog catalog, SimulatedControllers controllers, TimeProvider time)
{
    public ApiResult Delete(ResourceType type, JsonObject obj, DeleteOptions options)
    {
        var metadata = obj["metadata"]!.AsObject();
        var name = (string)metadata["name"]!;
        CheckPreconditions(type, name, metadata, options);
        var finalizers = metadata["finalizers"] as JsonArray;
        if (type == BuiltInResources.Namespace || finalizers is { Count: > 0 })
            return Terminate(type, obj, name, options);

        if (!options.DryRun)
            Remove(type, obj);

        return new ApiResult(200, Wire.Object(DeletedStatus(type, name, metadata)));
    }

    /// <summary>Removes an object from the store now; used once nothing holds its deletion back any more.</summary>
    public void Remove(ResourceType type, JsonObject obj)
    {
        store.Remove(type.StoreKey, obj);
        if (type == BuiltInResources.CustomResourceDefinition)
        {
            // Deleting a CRD deletes every custom resource of it.
            var served = ResourceCatalog.FromCrd(obj).FirstOrDefault();
            if (served is not null)
            {
                foreach (var resource in store.All(served.StoreKey))
                    store.Remove(served.StoreKey, resource);
            }

            catalog.ServeEstablished(store.All(BuiltInResources.CustomResourceDefinition.StoreKey));
        }
    }

    private static void CheckPreconditions(ResourceType type, string name, JsonObject metadata, DeleteOptions options)
    {
        if (options.PreconditionUid is { } uid && uid != (string?)metadata["uid"])
            throw ApiErrors.Precondition(type, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {(string?)metadata["uid"]}");

        if (options.PreconditionResourceVersion is { } rv && rv != (string?)metadata["resourceVersion"])
            throw ApiErrors.Precondition(type, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {(string?)metadata["resourceVersion"]}");
    }

    /// <summary>Finalized objects (and namespaces, whose contents must go first) linger with a deletionTimestamp.</summary>
    private ApiResult Terminate(ResourceType type, JsonObject obj, string name, DeleteOptions options)
    {
        if (obj["metadata"]!["deletionTimestamp"] is not null)
            return new ApiResult(200, Wire.Object(obj, type.ApiVersion));

        var terminating = (JsonObject)obj.DeepClone();
        terminating["metadata"]!["deletionTimestamp"] = Timestamps.Now(time);
        terminating["metadata"]!["deletionGracePeriodSeconds"] = 0;
        if (type == BuiltInResources.Namespace)
            terminating["status"] = new JsonObject { ["phase"] = "Terminating" };

        if (options.DryRun)
            return new ApiResult(200, Wire.Object(terminating, type.ApiVersion));

        var stored = store.Put(type, CanonicalOrder.Apply(terminating), created: false);
        if (type == BuiltInResources.Namespace)
            controllers.ScheduleNamespaceFinalization(type, name);

        return new ApiResult(200, Wire.Object(stored, type.ApiVersion));
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
