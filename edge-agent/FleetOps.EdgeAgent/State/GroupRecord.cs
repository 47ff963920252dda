using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.State;

/// <summary>What the agent remembers about one group between runs and restarts.</summary>
public sealed record GroupRecord(
    string Name,
    string? AppliedRevision,
    string? AppliedPath,
    IReadOnlyList<InventoryEntry> Inventory,
    GroupStatus? Status)
{
    public static GroupRecord New(string name) => new(name, null, null, [], null);
}
