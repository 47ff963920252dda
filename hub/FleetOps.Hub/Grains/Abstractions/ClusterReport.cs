using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// What a cluster tells its directory shard so that listing and counting never activate every cluster.
/// <see cref="Members"/> holds its state in each group it belongs to; <see cref="LastPhase"/> is the
/// worst of the phases its agent last reported, kept while it is Offline. <see cref="Unconfirmed"/>: online when the hub
/// last stopped, not heard from since it started. <see cref="Leaving"/>: groups its agent still holds that it no longer belongs to.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record ClusterReport(
    [property: Id(0)] string Id,
    [property: Id(1)] IReadOnlyDictionary<string, string> Labels,
    [property: Id(2)] Phase Phase,
    [property: Id(3)] PresenceState? Presence,
    [property: Id(4)] DateTimeOffset? LastSeen,
    [property: Id(5)] long Generation,
    [property: Id(6)] IReadOnlyList<MemberReport> Members,
    [property: Id(7)] long Stamp,
    [property: Id(8)] Phase? LastPhase = null,
    [property: Id(9)] bool Unconfirmed = false,
    [property: Id(10)] IReadOnlyList<LeavingGroup>? Leaving = null);
