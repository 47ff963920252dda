using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Rollouts;

namespace FleetOps.Hub.Grains;

[GenerateSerializer]
internal sealed class GroupState
{
    /// <summary>The rollout of the group's newest target; null for a group without a rollout block, or before its first move.</summary>
    [Id(0)] public RolloutRecord? Rollout { get; set; }

    /// <summary>The last target that completed a rollout: what unreleased members run.</summary>
    [Id(1)] public TargetRef? Stable { get; set; }

    /// <summary>The rollout audit, oldest first, bounded.</summary>
    [Id(2)] public List<RolloutEvent> Events { get; set; } = [];

    /// <summary>Recent targets (newest last), so a pin can name one by its sha.</summary>
    [Id(3)] public List<TargetRef> Recent { get; set; } = [];

    /// <summary>A completed rollout's revision has not yet been confirmed as stable by the fleet grain.</summary>
    [Id(4)] public bool StableOwed { get; set; }
}
