using FleetOps.Shared.Api;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// In a cluster's report to its shard: a group its agent still reports that the cluster no longer belongs to (removed from
/// fleet.yaml, or relabelled out), where its removal stands, and what the store still holds of it.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record LeavingGroup(
    [property: Id(0)] string Group,
    [property: Id(1)] RemovalState State,
    [property: Id(2)] string? Message,
    [property: Id(3)] int Objects,
    [property: Id(4)] int PersistentVolumeClaims,
    [property: Id(5)] int Namespaces);
