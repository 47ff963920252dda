namespace FleetOps.Shared.Api;

/// <summary>What the rollout does next, and when if it waits for time: "wave 3 releases at 14:05 after bake".</summary>
public sealed record RolloutStep(string Description, DateTimeOffset? At = null);
