using FleetOps.Shared.Contracts;

namespace FleetOps.Shared.Api;

/// <summary>
/// One group on one cluster: what the hub wants (<see cref="DesiredRevision"/>, <see cref="DesiredDigest"/>)
/// beside what the agent last reported. <see cref="Phase"/> is Unknown before the agent's first status
/// and Pending when the agent has not reported this group yet, Offline while the cluster is offline.
/// <see cref="LastPhase"/> is the phase the agent last reported for the group, whatever revision that was
/// about (<see cref="AppliedRevision"/> says which); it stays visible while the cluster is offline. Pending
/// when the agent never reported the group, null when the cluster never reported.
/// </summary>
public sealed record ClusterGroupView(
    string Name,
    string? Path,
    string? DesiredRevision,
    string? DesiredDigest,
    string? AppliedRevision,
    Phase Phase,
    string? Reason,
    string? Message,
    ResourceCounts? Resources,
    IReadOnlyList<UnhealthyObject> Unhealthy,
    DateTimeOffset? Since,
    Phase? LastPhase = null);
