using FleetOps.Hub.Rollouts;

namespace FleetOps.Scenarios.Tests.Harness;

/// <summary>
/// The order in which the hub releases a group's members (a stable hash of the cluster id, the same in every
/// process), so a scenario knows which stores each wave holds before it starts them.
/// </summary>
public static class ReleaseOrder
{
    public static IReadOnlyList<string> Of(IEnumerable<string> ids) =>
        ids.OrderBy(RolloutOrder.Of).ThenBy(id => id, StringComparer.Ordinal).ToList();
}
