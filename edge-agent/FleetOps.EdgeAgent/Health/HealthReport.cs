using FleetOps.EdgeAgent.Apply;
using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Health;

/// <summary>
/// A group's health after waiting: counts and up to ten unhealthy objects with their reasons, and every object's
/// state (for the inventory the hub is told).
/// </summary>
public sealed record HealthReport(int Total, int Healthy, IReadOnlyList<UnhealthyObject> Unhealthy, int UnhealthyCount,
    IReadOnlyDictionary<ObjectRef, HealthState>? States = null)
{
    public bool AllHealthy => Healthy == Total;

    public ResourceCounts Counts => new(Total, Healthy);

    public string Describe() => UnhealthyCount == 0
        ? "all healthy"
        : string.Join("; ", Unhealthy.Select(u => $"{u.Subject}: {u.Message}")) + (UnhealthyCount > Unhealthy.Count ? $"; and {UnhealthyCount - Unhealthy.Count} more" : "");
}
