namespace FleetOps.Shared.Api;

/// <summary>
/// <c>GET /api/v1/fleet</c>: what <c>fleetops status</c> shows. <see cref="Commit"/> is the last commit
/// whose fleet.yaml was accepted; <see cref="Errors"/> holds the current definition, source and render
/// errors (empty when all is well).
/// </summary>
public sealed record FleetView(
    SourceView Source,
    CommitInfo? Commit,
    IReadOnlyList<FleetError> Errors,
    IReadOnlyList<GroupView> Groups,
    PhaseCounts Clusters);
