namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// A group taken out of fleet.yaml: at which commit, when the hub took that commit, and the fleet snapshot without it (until
/// every directory shard has brought its clusters up to that snapshot, a store holding the group may not be known as leaving yet).
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record RemovedGroup([property: Id(0)] string Name, [property: Id(1)] string Commit, [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] long SnapshotVersion = 0)
{
    /// <summary>How many removals the fleet grain remembers; older ones can no longer be waited on by name.</summary>
    public const int Kept = 100;
}
