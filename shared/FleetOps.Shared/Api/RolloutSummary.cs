namespace FleetOps.Shared.Api;

/// <summary>The compact rollout column of <c>fleetops status</c>: phase, wave and how many members were released.</summary>
/// <see cref="WaveName"/> is the current wave as <c>rollout status</c> names it ("canary", "wave 1").
public sealed record RolloutSummary(RolloutPhase Phase, int Wave, int Waves, int Released, int Members, string? WaveName = null);
