using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.FieldManagement;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Storage;

namespace FleetOps.KubeEmulator.Simulation;

/// <summary>
/// The controllers of one cluster, simulated: writes schedule work, which comes due on the cluster's clock and
/// then stores the status <see cref="StatusSimulator"/> computes, or finalizes a terminating namespace.
/// Callers hold the cluster lock; <paramref name="wake"/> takes it to run work the shared timer says is due.
/// </summary>
internal sealed class SimulatedControllers(ObjectStore store, ResourceCatalog catalog, TimeProvider time, WakeScheduler scheduler, int nodes, Action wake)
{
    /// <summary>The field manager that controller writes and seeded objects are recorded under.</summary>
    public const string ControllerManager = "k3s";

    private readonly List<PendingWork> pending = [];

    public TimeSpan RolloutDelay { get; set; }

    public TimeSpan NamespaceFinalizationDelay { get; set; }

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

    /// <summary>A controller observes the stored object after the rollout delay.</summary>
    public void ScheduleReconcile(ResourceType type, JsonObject stored)
    {
        var metadata = stored["metadata"]!.AsObject();
        var name = (string)metadata["name"]!;
        var ns = (string?)metadata["namespace"] ?? "";
        Schedule(SimulationStep.Reconcile, type, ns, name, RolloutDelay, Generation(stored));
    }

    /// <summary>A terminating namespace and its contents go after the finalization delay.</summary>
    public void ScheduleNamespaceFinalization(ResourceType type, string name) =>
        Schedule(SimulationStep.FinalizeNamespace, type, "", name, NamespaceFinalizationDelay, 0);

    private void Execute(PendingWork work)
    {
        if (work.Step == SimulationStep.FinalizeNamespace)
        {
            FinalizeNamespace(work.Name);
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

    /// <summary>What the namespace controller does once a namespace is terminating: remove its contents, then it.</summary>
    private void FinalizeNamespace(string name)
    {
        var ns = store.Find(BuiltInResources.Namespace, "", name);
        if (ns?["metadata"]?["deletionTimestamp"] is null)
            return;

        foreach (var (storeKey, obj) in store.InNamespace(name))
        {
            store.Remove(storeKey, obj);
        }

        store.Remove(BuiltInResources.Namespace.StoreKey, ns);
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
