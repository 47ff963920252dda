using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.FieldManagement;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Storage;

namespace FleetOps.KubeEmulator.Simulation;

/// <summary>
/// The controllers of one cluster, simulated: writes schedule work, which comes due on the cluster's clock and
/// then stores the status <see cref="StatusSimulator"/> computes, finalizes a terminating namespace
/// (<see cref="NamespaceController"/>) or binds and releases volumes (<see cref="VolumeController"/>).
/// Callers hold the cluster lock; <paramref name="wake"/> takes it to run work the shared timer says is due.
/// </summary>
internal sealed class SimulatedControllers
{
    /// <summary>The field manager that controller writes and seeded objects are recorded under.</summary>
    public const string ControllerManager = "k3s";

    /// <summary>The node pods run on and local-path volumes live on.</summary>
    public const string NodeName = "k3s-server";

    private readonly List<PendingWork> pending = [];
    private readonly ObjectStore store;
    private readonly ResourceCatalog catalog;
    private readonly TimeProvider time;
    private readonly WakeScheduler scheduler;
    private readonly int nodes;
    private readonly Action wake;
    private readonly NamespaceController namespaces;
    private readonly VolumeController volumes;

    public SimulatedControllers(ObjectStore store, ResourceCatalog catalog, TimeProvider time, WakeScheduler scheduler, int nodes, Action wake)
    {
        (this.store, this.catalog, this.time, this.scheduler, this.nodes, this.wake) = (store, catalog, time, scheduler, nodes, wake);
        Lifecycle = new ObjectLifecycle(store, catalog, time) { MarkedDeleting = OnMarkedDeleting, Removed = OnRemoved };
        namespaces = new NamespaceController(store, time, Lifecycle);
        volumes = new VolumeController(store, time, NodeName, Lifecycle);
    }

    public TimeSpan RolloutDelay { get; set; }

    public TimeSpan NamespaceFinalizationDelay { get; set; }

    /// <summary>Marking objects deleting and removing them, with the controllers told of each.</summary>
    public ObjectLifecycle Lifecycle { get; }

    /// <summary>Runs the steps that have come due, and the steps those make due.</summary>
    public void RunDue()
    {
        if (pending.Count == 0)
            return;

        var now = time.GetUtcNow();
        while (true)
        {
            var due = pending.Where(p => p.Due <= now).OrderBy(p => p.Due).ToList();
            if (due.Count == 0)
                return;

            foreach (var work in due)
            {
                pending.Remove(work);
                Execute(work);
            }
        }
    }

    /// <summary>What follows a stored write: simulated status, and volumes to bind once claims or their consumers change.</summary>
    public void Written(ResourceType type, JsonObject? old, JsonObject stored)
    {
        if (StatusSimulator.IsSimulated(type)
            && (old is null || !JsonNode.DeepEquals(old["spec"], stored["spec"]) || StatusSimulator.IsNeverReady(old) != StatusSimulator.IsNeverReady(stored)))
        {
            var metadata = stored["metadata"]!.AsObject();
            Schedule(SimulationStep.Reconcile, type, (string?)metadata["namespace"] ?? "", (string)metadata["name"]!, RolloutDelay, Generation(stored));
        }

        if (VolumeConsumers.Affects(type.StoreKey) && store.Any(VolumeConsumers.Claims.StoreKey))
            ScheduleOnce(SimulationStep.ReconcileVolumes, "", RolloutDelay);
    }

    private void OnMarkedDeleting(string storeKey, JsonObject obj)
    {
        if (storeKey == BuiltInResources.Namespace.StoreKey)
            ScheduleOnce(SimulationStep.FinalizeNamespace, (string)obj["metadata"]!["name"]!, NamespaceFinalizationDelay);
        else if (VolumeConsumers.Affects(storeKey))
            ScheduleOnce(SimulationStep.ReconcileVolumes, "", RolloutDelay);
    }

    private void OnRemoved(string storeKey, JsonObject obj)
    {
        if (storeKey == VolumeConsumers.Claims.StoreKey)
            volumes.Reclaim(obj);

        if (VolumeConsumers.Affects(storeKey) && store.Any(VolumeConsumers.Claims.StoreKey))
            ScheduleOnce(SimulationStep.ReconcileVolumes, "", RolloutDelay);

        // The namespace controller looks again once content of a terminating namespace goes (a finalizer was removed).
        if ((string?)obj["metadata"]?["namespace"] is { Length: > 0 } ns
            && store.Find(BuiltInResources.Namespace, "", ns)?["metadata"]?["deletionTimestamp"] is not null)
        {
            ScheduleOnce(SimulationStep.FinalizeNamespace, ns, NamespaceFinalizationDelay);
        }
    }

    private void Execute(PendingWork work)
    {
        switch (work.Step)
        {
            case SimulationStep.FinalizeNamespace:
                namespaces.Finalize(work.Name);
                return;
            case SimulationStep.ReconcileVolumes:
                volumes.Reconcile();
                return;
        }

        var obj = store.Find(work.Type, work.Namespace, work.Name);
        if (obj is null || (work.Step == SimulationStep.ProgressDeadline && Generation(obj) != work.Generation))
            return;

        var status = StatusSimulator.Simulate(work.Type, obj, work.Step, Timestamps.Now(time), nodes);
        if (status is not null && !JsonNode.DeepEquals(status, obj["status"]))
        {
            var candidate = (JsonObject)obj.DeepClone();
            candidate["status"] = status;
            FieldManager.RecordUpdate(obj, candidate, ControllerManager, work.Type, "status", Timestamps.Now(time));
            obj = store.Put(work.Type, CanonicalOrder.Apply(candidate), created: false);
        }

        if (work.Type == BuiltInResources.CustomResourceDefinition)
            catalog.ServeEstablished(store.All(BuiltInResources.CustomResourceDefinition.StoreKey));

        if (work.Step == SimulationStep.Reconcile && StatusSimulator.ProgressDeadline(work.Type, obj) is { } deadline)
            Schedule(SimulationStep.ProgressDeadline, work.Type, work.Namespace, work.Name, deadline, Generation(obj));
    }

    /// <summary>Schedules a cluster-wide step unless the same step is already due no later.</summary>
    private void ScheduleOnce(SimulationStep step, string name, TimeSpan delay)
    {
        var due = time.GetUtcNow() + delay;
        if (!pending.Any(p => p.Step == step && p.Name == name && p.Due <= due))
            Schedule(step, BuiltInResources.Namespace, "", name, delay, 0);
    }

    private void Schedule(SimulationStep step, ResourceType type, string ns, string name, TimeSpan delay, long generation)
    {
        var due = time.GetUtcNow() + delay;
        pending.Add(new PendingWork(step, type, ns, name, due, generation));
        if (delay > TimeSpan.Zero)
            scheduler.Wake(due, _ => wake());
    }

    private static long Generation(JsonObject obj) => Json.Long(obj["metadata"]?["generation"]) ?? 0;
}
