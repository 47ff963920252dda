namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// One target of a group as the hub releases it: <see cref="Path"/> at <see cref="Revision"/>, whose render
/// has <see cref="Digest"/>. <see cref="Seq"/> orders targets (each move of any group's target takes the
/// next), so a cluster can always tell which of two releases is newer.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record TargetRef(
    [property: Id(0)] string Revision,
    [property: Id(1)] string Path,
    [property: Id(2)] string Digest,
    [property: Id(3)] long Seq);
