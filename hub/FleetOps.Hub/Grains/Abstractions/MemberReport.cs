using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// A cluster's state in one group, sent to that group on change. <see cref="Stamp"/> grows per cluster
/// so a late one-way message never overwrites a newer one; <see cref="Left"/> says the cluster left the group.
/// <see cref="Reason"/> and <see cref="Message"/> are the agent's for this group at the current target, so the
/// group can say why a member is where it is without asking every cluster. For a rollout: whether the
/// group's canary selector picks it (<see cref="CanarySelector"/> is the selector, as text, it was judged
/// against: the cluster may not have seen a new one yet), the newest release it holds (<see cref="ReleasedSeq"/>
/// 0: none) and whether an operator pinned it.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record MemberReport(
    [property: Id(0)] string ClusterId,
    [property: Id(1)] string Group,
    [property: Id(2)] Phase Phase,
    [property: Id(3)] string? DesiredRevision,
    [property: Id(4)] string? AppliedRevision,
    [property: Id(5)] long Stamp,
    [property: Id(6)] bool Left = false,
    [property: Id(7)] string? Reason = null,
    [property: Id(8)] string? Message = null,
    [property: Id(9)] bool IsCanary = false,
    [property: Id(10)] long ReleasedSeq = 0,
    [property: Id(11)] int ReleasedWave = 0,
    [property: Id(12)] bool Pinned = false,
    [property: Id(13)] string? CanarySelector = null);
