using FleetOps.EdgeAgent.State;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>What prune did, the stale entries it could not delete (they stay in the inventory), and why.</summary>
public sealed record PruneResult(ChangeSet ChangeSet, IReadOnlyList<InventoryEntry> Survivors, string? Error)
{
    public bool Succeeded => Error is null;
}
