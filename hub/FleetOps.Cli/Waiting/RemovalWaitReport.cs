using FleetOps.Shared.Api;

namespace FleetOps.Cli.Waiting;

/// <summary>
/// The outcome of <c>fleetops wait --group G --removed</c>, and its <c>-o json</c>: whether the group is out of fleet.yaml
/// (<see cref="InFleet"/>), and the stores that still hold its objects, each with where its prune stands.
/// </summary>
public sealed record RemovalWaitReport(
    string Group,
    WaitState State,
    bool InFleet,
    IReadOnlyList<RemovalMember> Stores,
    string? Note,
    double ElapsedSeconds);
