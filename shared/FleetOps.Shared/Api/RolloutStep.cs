namespace FleetOps.Shared.Api;

/// <summary>What the rollout does next ("wave 3 releases after bake") and, when it waits for time, when (<see cref="At"/>, for the reader's own time zone).</summary>
public sealed record RolloutStep(string Description, DateTimeOffset? At = null);
