namespace FleetOps.Shared.Api;

/// <summary>
/// <c>GET /api/v1/fleet</c>: what <c>fleetops status</c> shows. <see cref="Commit"/> is the last commit
/// whose fleet.yaml was accepted; <see cref="Errors"/> holds the current definition, source and render
/// errors (empty when all is well). <see cref="Head"/> is the newest branch head the hub looked at, accepted
/// or refused: when it is not <see cref="Commit"/>, or a group did not render at it, the newest commit is not
/// what the fleet runs (null from a hub older than this field). <see cref="Removals"/>: groups removed from fleet.yaml that
/// stores still hold, with the data their removal deletes (null from a hub older than this field).
/// </summary>
public sealed record FleetView(
    SourceView Source,
    CommitInfo? Commit,
    IReadOnlyList<FleetError> Errors,
    IReadOnlyList<GroupView> Groups,
    PhaseCounts Clusters,
    string? Head = null,
    IReadOnlyList<GroupRemovalSummary>? Removals = null);
