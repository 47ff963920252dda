using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Grains;

/// <summary>
/// Which groups a cluster is leaving: those its agent still reports (it holds their objects until it has pruned them) that
/// the cluster no longer belongs to. The agent says how far it got: Removing while it prunes, PruneFailed when it could not;
/// a group still reported as it ran is waiting (the agent has not been told, or is offline).
/// </summary>
internal static class Leaving
{
    public const string PersistentVolumeClaim = "PersistentVolumeClaim";
    public const string Namespace = "Namespace";

    public static IReadOnlyList<LeavingGroup> Of(ClusterState s) =>
        s.LastStatus?.Groups.Where(g => !s.Memberships.Contains(g.Name)).Select(g => Of(g, s.Inventories.GetValueOrDefault(g.Name)?.Inventory)).ToList() ?? [];

    private static LeavingGroup Of(GroupStatus g, GroupInventory? inventory) => new(
        g.Name,
        g.Reason switch
        {
            Reasons.PruneFailed => RemovalState.PruneFailed,
            Reasons.Removing => RemovalState.Pruning,
            _ => RemovalState.Waiting,
        },
        g.Message,
        inventory?.Total ?? g.Resources.Total,
        inventory?.CountOf(PersistentVolumeClaim) ?? 0,
        inventory?.CountOf(Namespace) ?? 0);
}
