using FleetOps.Shared.Api;
using FleetOps.Shared.Fleet;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// A group's definition, target and standing render error, as the fleet grain holds them; with a rollout
/// policy also its stable target (the last one a rollout completed; the target itself for a group without one) and
/// the target before the current one (<see cref="Previous"/>): its rollout may complete just as the next commit
/// arrives, and the group's word of it reach the fleet after that commit; it is still the newest to complete.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record GroupSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] string Path,
    [property: Id(2)] string Selector,
    [property: Id(3)] int? Line,
    [property: Id(4)] GroupTarget? Target,
    [property: Id(5)] FleetError? Error,
    [property: Id(6)] RolloutPolicy? Rollout = null,
    [property: Id(7)] long TargetSeq = 0,
    [property: Id(8)] GroupTarget? Stable = null,
    [property: Id(9)] long StableSeq = 0,
    [property: Id(10)] string? WindowsIgnoredFor = null,
    [property: Id(11)] GroupTarget? Previous = null,
    [property: Id(12)] long PreviousSeq = 0)
{
    public TargetRef? TargetRef => Target is null ? null : new TargetRef(Target.Commit.Sha, Target.Path, Target.Digest, TargetSeq);

    public TargetRef? StableRef => Stable is null ? null : new TargetRef(Stable.Commit.Sha, Stable.Path, Stable.Digest, StableSeq);
}
