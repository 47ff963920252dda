using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Fleet;

/// <summary>
/// One fleet group: a folder of the fleet-config repository (<see cref="Path"/>, relative, forward
/// slashes, normalized) deployed to every cluster its <see cref="Selector"/> matches.
/// </summary>
/// <remarks>
/// Later fields (pause, pinned revision) are added as init-only properties with a
/// default that keeps today's behaviour, so existing constructor calls and stored definitions stay
/// valid; GroupReader learns the field name and how to read it.
/// </remarks>
public sealed record GroupDefinition(string Name, string Path, LabelSelector Selector)
{
    /// <summary>Where the group was written, for errors found after parsing (the hub's path check).</summary>
    public GroupSource Source { get; init; } = GroupSource.Unknown;

    /// <summary>How a new target rolls out; null moves every member at once.</summary>
    public RolloutPolicy? Rollout { get; init; }
}
