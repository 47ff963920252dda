using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Storage;

namespace FleetOps.KubeEmulator.Simulation;

/// <summary>
/// The two ends of an object's life that other controllers react to, whoever causes them (a client's delete, the
/// last finalizer going, the namespace or volume controllers): marking it deleting and removing it. Callers hold
/// the cluster lock.
/// </summary>
internal sealed class ObjectLifecycle(ObjectStore store, ResourceCatalog catalog, TimeProvider time)
{
    /// <summary>Told of every object stored with a new deletionTimestamp (store key, the stored object).</summary>
    public Action<string, JsonObject>? MarkedDeleting { get; set; }

    /// <summary>Told of every object removed (store key, its final state).</summary>
    public Action<string, JsonObject>? Removed { get; set; }

    /// <summary>Sets the deletionTimestamp of an object that finalizers hold (a Namespace also turns Terminating).</summary>
    public JsonObject MarkDeleting(string storeKey, JsonObject obj, bool dryRun = false)
    {
        if (obj["metadata"]!["deletionTimestamp"] is not null)
            return obj;

        var terminating = (JsonObject)obj.DeepClone();
        terminating["metadata"]!["deletionTimestamp"] = Timestamps.Now(time);
        terminating["metadata"]!["deletionGracePeriodSeconds"] = 0;
        if (storeKey == BuiltInResources.Namespace.StoreKey)
            terminating["status"] = new JsonObject { ["phase"] = "Terminating" };

        if (dryRun)
            return terminating;

        var stored = store.Put(storeKey, CanonicalOrder.Apply(terminating), created: false);
        MarkedDeleting?.Invoke(storeKey, stored);
        return stored;
    }

    /// <summary>Removes an object from the store now; deleting a CRD deletes every custom resource of it.</summary>
    public void Remove(string storeKey, JsonObject obj)
    {
        var final = store.Remove(storeKey, obj);
        if (storeKey == BuiltInResources.CustomResourceDefinition.StoreKey)
        {
            var served = ResourceCatalog.FromCrd(obj).FirstOrDefault();
            if (served is not null)
            {
                foreach (var resource in store.All(served.StoreKey))
                    store.Remove(served.StoreKey, resource);
            }

            catalog.ServeEstablished(store.All(BuiltInResources.CustomResourceDefinition.StoreKey));
        }

        Removed?.Invoke(storeKey, final);
    }
}
