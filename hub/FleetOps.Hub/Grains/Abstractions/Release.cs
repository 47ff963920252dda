namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>A group's rollout released <see cref="Target"/> to a cluster in wave <see cref="Wave"/>; the cluster keeps it.</summary>
[GenerateSerializer, Immutable]
internal sealed record Release(
    [property: Id(0)] TargetRef Target,
    [property: Id(1)] int Wave);
