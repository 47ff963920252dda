namespace FleetOps.Shared.Api;

/// <summary>
/// One group of fleet.yaml as the hub sees it. <see cref="Target"/> is null until the group first
/// renders; <see cref="Error"/> is the last render failure at a commit newer than the target.
/// <see cref="Rollout"/> is set for a group with a rollout block.
/// </summary>
public sealed record GroupView(
    string Name,
    string Path,
    string Selector,
    int? Line,
    GroupTarget? Target,
    FleetError? Error,
    PhaseCounts Members,
    RolloutSummary? Rollout = null);
