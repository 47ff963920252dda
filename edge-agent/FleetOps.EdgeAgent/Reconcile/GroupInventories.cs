using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Health;
using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Reconcile;

/// <summary>What a group owns, as the hub is told it: the inventory's objects in a stable order, each with its health.</summary>
public static class GroupInventories
{
    /// <summary>
    /// Health from this run's check where it judged the object, else as last told (a run that stopped before the
    /// health check changes nothing about it), else Unknown.
    /// </summary>
    public static GroupInventory Of(string group, IReadOnlyList<InventoryEntry> inventory, HealthReport? health, GroupInventory? previous)
    {
        var known = new Dictionary<(string, string, string), ObjectHealthState>();
        foreach (var o in previous?.Objects ?? [])
            known.TryAdd((o.Kind, o.Namespace ?? "", o.Name), o.Health);
        var objects = inventory
            .Select(e => e.Ref)
            .OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Namespace ?? "", StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => new InventoryObject(r.Kind, string.IsNullOrEmpty(r.Namespace) ? null : r.Namespace, r.Name, HealthOf(r, health, known)))
            .ToList();
        return GroupInventory.Of(group, objects);
    }

    private static ObjectHealthState HealthOf(ObjectRef r, HealthReport? health, Dictionary<(string, string, string), ObjectHealthState> known) =>
        health?.States is { } states && states.TryGetValue(r, out var state)
            ? state switch
            {
                HealthState.Healthy => ObjectHealthState.Healthy,
                HealthState.Failed => ObjectHealthState.Failed,
                _ => ObjectHealthState.InProgress,
            }
            : known.TryGetValue((r.Kind, r.Namespace ?? "", r.Name), out var last) ? last : ObjectHealthState.Unknown;
}
