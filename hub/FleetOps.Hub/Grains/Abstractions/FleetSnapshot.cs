namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// Every group's selector and target at one moment. <see cref="Version"/> grows with each change, so a
/// cluster ignores a snapshot older than the one it already applied.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record FleetSnapshot(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<SnapshotGroup> Groups)
{
    public static readonly FleetSnapshot Empty = new(0, []);
}
