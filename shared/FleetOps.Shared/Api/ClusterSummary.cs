using FleetOps.Shared.Contracts;

namespace FleetOps.Shared.Api;

/// <summary>
/// One row of <c>GET /api/v1/clusters</c>. <see cref="Stale"/> is true when the cluster claims to be
/// online but the hub has heard nothing from it for longer than the hub's stale threshold.
/// <see cref="LastPhase"/> is the worst of the phases its agent last reported, kept while it is Offline;
/// null when it never reported. <see cref="Unconfirmed"/>: online when the hub last stopped, not heard from since it started.
/// </summary>
public sealed record ClusterSummary(
    string Id,
    IReadOnlyDictionary<string, string> Labels,
    Phase Phase,
    PresenceState? Presence,
    DateTimeOffset? LastSeen,
    bool Stale,
    IReadOnlyList<string> Groups,
    long Generation,
    Phase? LastPhase = null,
    bool Unconfirmed = false);
