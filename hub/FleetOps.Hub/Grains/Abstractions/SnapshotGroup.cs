using FleetOps.Shared.Selectors;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// One group as clusters need it to decide their desired state: who it selects, and what to run.
/// <see cref="Revision"/> and <see cref="Digest"/> are null until the group first renders.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record SnapshotGroup(
    [property: Id(0)] string Name,
    [property: Id(1)] string Path,
    [property: Id(2)] LabelSelector Selector,
    [property: Id(3)] string? Revision,
    [property: Id(4)] string? Digest);
