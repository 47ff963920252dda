namespace FleetOps.Shared.Api;

/// <summary>
/// One wave of a rollout. <see cref="Planned"/> is how many members it releases (the canaries, or its
/// share of the others counted now); the rest count members released in this wave by where they stand.
/// </summary>
public sealed record RolloutWaveView(
    int Index,
    string Name,
    int Planned,
    int Released,
    int Converged,
    int Failed,
    int Offline,
    int OutsideWindow,
    int Applying);
