using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Grains;

internal partial class ClusterGrain
{
    /// <summary>
    /// Keeps the inventories a status carries (an agent sends a group's only when it changed) and drops those of groups the
    /// status no longer lists (pruned and forgotten). True when anything changed, so the status is written.
    /// </summary>
    private bool TakeInventories(StatusMessage status)
    {
        var changed = false;
        foreach (var inventory in status.Inventories ?? [])
        {
            S.Inventories[inventory.Group] = new HeldInventory(inventory, time.GetUtcNow());
            changed = true;
        }
        foreach (var gone in S.Inventories.Keys.Where(g => status.Groups.All(s => s.Name != g)).ToList())
            changed |= S.Inventories.Remove(gone);
        return changed;
    }

    public Task<ClusterObjects?> GetObjectsAsync(string? group)
    {
        if (!S.Registered)
            return Task.FromResult<ClusterObjects?>(null);
        var groups = S.Inventories.Values
            .Where(h => group is null || h.Inventory.Group == group)
            .OrderBy(h => h.Inventory.Group, StringComparer.Ordinal)
            .Select(h => new GroupObjects(h.Inventory.Group, !S.Memberships.Contains(h.Inventory.Group), h.Inventory.Total, h.Inventory.Objects,
                h.Inventory.More, h.ReceivedAt))
            .ToList();
        return Task.FromResult<ClusterObjects?>(new ClusterObjects(Id, groups));
    }
}
