using FleetOps.Shared.Fleet;
using FleetOps.Shared.Selectors;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// One group as clusters need it to decide their desired state: who it selects, and what to run.
/// <see cref="Revision"/> and <see cref="Digest"/> are null until the group first renders. With a
/// <see cref="Rollout"/> policy, members run what was released to them or else <see cref="Stable"/>;
/// <see cref="WindowsIgnoredFor"/> names a revision an operator let apply outside store hours.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record SnapshotGroup(
    [property: Id(0)] string Name,
    [property: Id(1)] string Path,
    [property: Id(2)] LabelSelector Selector,
    [property: Id(3)] string? Revision,
    [property: Id(4)] string? Digest,
    [property: Id(5)] long TargetSeq = 0,
    [property: Id(6)] RolloutPolicy? Rollout = null,
    [property: Id(7)] TargetRef? Stable = null,
    [property: Id(8)] string? WindowsIgnoredFor = null)
{
    public TargetRef? Target => Revision is null || Digest is null ? null : new TargetRef(Revision, Path, Digest, TargetSeq);
}
