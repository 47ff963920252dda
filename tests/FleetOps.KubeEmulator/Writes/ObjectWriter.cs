using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Defaults;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.FieldManagement;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Simulation;
using FleetOps.KubeEmulator.Storage;
using FleetOps.KubeEmulator.Validation;

namespace FleetOps.KubeEmulator.Writes;

/// <summary>
/// The one path every write takes to the store: server-owned metadata is kept, admission plugins, defaults and Service
/// addresses fill in, the object is validated (and admitted), generation and managed fields move, a write that changes nothing is a no-op,
/// and a stored change sets off what follows it (finalization, seeding, simulated status, serving a CRD's kinds).
/// Callers hold the cluster lock.
/// </summary>
internal sealed class ObjectWriter(ObjectStore store, ResourceCatalog catalog, SimulatedControllers controllers, ObjectDeleter deleter, TimeProvider time)
{
    private readonly ServiceAllocator services = new();

    /// <summary>
    /// Stores <paramref name="candidate"/> as the new state of <paramref name="old"/> (null: a create) and returns what
    /// was stored; with <paramref name="dryRun"/>, what would have been. Apply records its own managed fields first.
    /// </summary>
    public JsonObject Commit(ResourceType type, JsonObject? old, JsonObject candidate, string manager, bool isApply, bool dryRun, string? subresource)
    {
        var now = Timestamps.Now(time);
        candidate = (JsonObject)candidate.DeepClone();
        candidate["apiVersion"] = type.ApiVersion;
        candidate["kind"] = type.Kind;
        var metadata = RequestChecks.Metadata(candidate);
        if (old is null)
        {
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = now;
            metadata.Remove("deletionTimestamp");
            metadata.Remove("deletionGracePeriodSeconds");
            metadata.Remove("resourceVersion");
            metadata.Remove("generation");
            if (type.HasGeneration)
                metadata["generation"] = 1;

            if (type.HasStatus)
            {
                candidate.Remove("status");
                InitialStatus(type, candidate);
            }
        }
        else
        {
            var oldMetadata = old["metadata"]!.AsObject();
            foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
            {
                metadata.Remove(field);
                if (oldMetadata[field] is { } value)
                    metadata[field] = value.DeepClone();
            }

            if (type.HasStatus && subresource != "status")
            {
                candidate["status"] = old["status"]?.DeepClone();
                if (candidate["status"] is null)
                    candidate.Remove("status");
            }
        }

        if (old is null)
            Admission.Mutate(store, type, candidate);

        ObjectDefaulter.Apply(type, candidate);
        if (type.BuiltIn && type.Kind == "Service")
            services.Assign(candidate, old);

        // Stored as the API server stores it: the schema's normalized form (quantities canonical, empties omitted).
        (candidate, var invalid) = SchemaGate.Validate(store, type, candidate);
        metadata = RequestChecks.Metadata(candidate);
        var errors = ObjectValidator.Validate(type, candidate, old);
        errors.AddRange(invalid);
        if (errors.Count > 0)
            throw ApiErrors.Invalid(type, (string?)metadata["name"] ?? "", errors);

        Admission.Validate(store, type, candidate, old);

        if (old is not null && type.HasGeneration && !JsonNode.DeepEquals(SpecView(old), SpecView(candidate)))
            metadata["generation"] = (Json.Long(old["metadata"]?["generation"]) ?? 0) + 1;

        if (!isApply)
            FieldManager.RecordUpdate(old, candidate, manager, type, subresource, now);

        candidate = CanonicalOrder.Apply(candidate);
        if (old is not null && JsonNode.DeepEquals(Comparable(old), Comparable(candidate)))
        {
            // The API server turns a write that changes nothing into a no-op: no new resourceVersion, no event.
            return old;
        }

        if (dryRun)
            return candidate;

        var stored = store.Put(type, candidate, created: old is null);
        AfterWrite(type, old, stored);
        return stored;
    }

    /// <summary>Creates one of k3s's own objects as its controllers would, status included.</summary>
    public void Seed(ResourceType type, JsonObject obj)
    {
        var status = obj["status"]?.DeepClone();
        var stored = Commit(type, null, obj, SimulatedControllers.ControllerManager, isApply: false, dryRun: false, null);
        if (status is not null)
        {
            var withStatus = (JsonObject)stored.DeepClone();
            withStatus["status"] = status;
            store.Put(type, CanonicalOrder.Apply(withStatus), created: false);
        }
    }

    /// <summary>Stores objects k3s has in place before anyone can ask, already complete (status, managed fields).</summary>
    public void SeedStored(ResourceType type, IEnumerable<JsonObject> objects)
    {
        foreach (var obj in objects)
            store.Put(type, obj, created: true);

        if (type == BuiltInResources.CustomResourceDefinition)
            catalog.ServeEstablished(store.All(BuiltInResources.CustomResourceDefinition.StoreKey));
    }

    /// <summary>The cluster's current time, as stored timestamps spell it.</summary>
    public string Now() => Timestamps.Now(time);

    private void AfterWrite(ResourceType type, JsonObject? old, JsonObject stored)
    {
        var metadata = stored["metadata"]!.AsObject();
        var name = (string)metadata["name"]!;
        if (metadata["deletionTimestamp"] is not null && metadata["finalizers"] is not JsonArray { Count: > 0 } && type != BuiltInResources.Namespace)
        {
            // The last finalizer is gone, so a pending deletion completes.
            deleter.Remove(type, stored);
            return;
        }

        if (old is null && type == BuiltInResources.Namespace)
            ClusterSeeder.SeedNamespace(this, name);

        controllers.Written(type, old, stored);
        if (type == BuiltInResources.CustomResourceDefinition)
            catalog.ServeEstablished(store.All(BuiltInResources.CustomResourceDefinition.StoreKey));
    }

    private static void InitialStatus(ResourceType type, JsonObject obj)
    {
        if (!type.BuiltIn)
            return;

        switch (type.Kind)
        {
            case "Namespace":
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                break;
            case "Service":
                obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
                break;
            case "PersistentVolumeClaim" or "Pod":
                obj["status"] = new JsonObject { ["phase"] = "Pending" };
                break;
        }
    }

    /// <summary>Everything but metadata and status: what a generation counts changes of.</summary>
    private static JsonObject SpecView(JsonObject obj)
    {
        var view = (JsonObject)obj.DeepClone();
        view.Remove("metadata");
        view.Remove("status");
        view.Remove("apiVersion");
        view.Remove("kind");
        return view;
    }

    /// <summary>The object minus what changes on every write (resourceVersion, managedFields timestamps).</summary>
    private static JsonObject Comparable(JsonObject obj)
    {
        var view = (JsonObject)obj.DeepClone();
        var metadata = view["metadata"]!.AsObject();
        metadata.Remove("resourceVersion");
        foreach (var entry in metadata["managedFields"]?.AsArray().OfType<JsonObject>() ?? [])
            entry.Remove("time");

        return view;
    }
}
