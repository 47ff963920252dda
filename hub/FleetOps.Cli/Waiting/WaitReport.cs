namespace FleetOps.Cli.Waiting;

/// <summary>
/// The outcome of a wait, and <c>fleetops wait -o json</c>. <see cref="Revision"/> is the full sha waited
/// for (null while the hub has not seen the one asked for); <see cref="Note"/> says why the wait is
/// what it is when that is not obvious; <see cref="HeldBackBy"/> lists members not yet there, worst first (for a
/// stopped rollout: its failing members). <see cref="Rollout"/> is set for a group that rolls out progressively.
/// </summary>
public sealed record WaitReport(
    string Group,
    string? RequestedRevision,
    string? Revision,
    string? Subject,
    WaitState State,
    int Members,
    int Converged,
    int Required,
    double MinConvergedPercent,
    string? Note,
    IReadOnlyList<WaitHoldout> HeldBackBy,
    double ElapsedSeconds,
    WaitRollout? Rollout = null);
