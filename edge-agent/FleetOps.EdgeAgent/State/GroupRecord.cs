using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.State;

/// <summary>
/// What the agent remembers about one group between runs and restarts. <see cref="AppliedLabels"/> is the
/// <see cref="Reconcile.GroupTarget.LabelsKey"/> its objects were last rendered with (null: the agent's own labels, or
/// recorded before the hub sent labels).
/// </summary>
public sealed record GroupRecord(
    string Name,
    string? AppliedRevision,
    string? AppliedPath,
    IReadOnlyList<InventoryEntry> Inventory,
    GroupStatus? Status,
    string? AppliedLabels = null)
{
    public static GroupRecord New(string name) => new(name, null, null, [], null);
}
