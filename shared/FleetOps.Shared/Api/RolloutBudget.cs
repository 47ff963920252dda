namespace FleetOps.Shared.Api;

/// <summary>Failed or Degraded members at the new revision (<see cref="Used"/>) against what the policy allows.</summary>
public sealed record RolloutBudget(int Allowed, int Used);
