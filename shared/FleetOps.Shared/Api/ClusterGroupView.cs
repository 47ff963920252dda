using FleetOps.Shared.Contracts;

namespace FleetOps.Shared.Api;

/// <summary>
/// One group on one cluster: what the hub wants (<see cref="DesiredRevision"/>, <see cref="DesiredDigest"/>)
/// beside what the agent last reported. <see cref="Phase"/> is Unknown before the agent's first status
/// and Pending when the agent has not reported this group yet.
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
    DateTimeOffset? Since);
