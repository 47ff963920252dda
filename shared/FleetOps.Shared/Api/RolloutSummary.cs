namespace FleetOps.Shared.Api;

/// <summary>The compact rollout column of <c>fleetops status</c>: phase, wave and how many members were released.</summary>
public sealed record RolloutSummary(RolloutPhase Phase, int Wave, int Waves, int Released, int Members);
