namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>A group taken out of fleet.yaml: at which commit and when the hub took that commit.</summary>
[GenerateSerializer, Immutable]
internal sealed record RemovedGroup([property: Id(0)] string Name, [property: Id(1)] string Commit, [property: Id(2)] DateTimeOffset At)
{
    /// <summary>How many removals the fleet grain remembers; older ones can no longer be waited on by name.</summary>
    public const int Kept = 100;
}
