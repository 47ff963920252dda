using FleetOps.Shared.Api;
using FleetOps.Shared.Fleet;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// What the fleet grain tells a group after a commit: its target, its rollout policy (null: all at once) and
/// its stable target; <see cref="SnapshotVersion"/> is the snapshot that carries them, which members must have
/// taken before a rollout of the target counts them.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record GroupSync(
    [property: Id(0)] TargetRef? Target,
    [property: Id(1)] CommitInfo? Commit,
    [property: Id(2)] RolloutPolicy? Policy,
    [property: Id(3)] TargetRef? Stable,
    [property: Id(4)] long SnapshotVersion = 0);
