namespace FleetOps.Hub.Web.Models;

/// <summary>
/// How a group's members converged on its newest target: <see cref="Points"/> holds, for each member that did, how
/// long after the target moved (<see cref="Since"/>) the hub heard it was Converged at <see cref="Revision"/>,
/// in order, with the count so far. <see cref="Members"/> is the group's size now, the 100% line.
/// </summary>
public sealed record ConvergenceCurve(string Revision, DateTimeOffset Since, int Members, IReadOnlyList<ConvergencePoint> Points);
