namespace FleetOps.Cli.Waiting;

/// <summary>What <c>fleetops wait</c> waits for: at least <see cref="MinConvergedPercent"/> of the group's members Converged at the revision.</summary>
public sealed record WaitGoal(string Group, string? Revision, double MinConvergedPercent);
