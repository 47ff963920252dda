namespace FleetOps.Cli.Waiting;

/// <summary>
/// What <c>fleetops wait</c> waits for: at least <see cref="MinConvergedPercent"/> of the group's members Converged at
/// the revision (100% when not given), or, for a group with a rollout, its rollout of the revision Completed (and
/// the share, only when given). <see cref="NewestHead"/> says the revision was not asked for: it is the branch head
/// the hub knows, taken after a refresh, so a wait right after a push waits for that push.
/// </summary>
public sealed record WaitGoal(string Group, string? Revision, double? MinConvergedPercent, bool NewestHead = false);
