namespace FleetOps.Shared.Contracts;

/// <summary>
/// hub → agent, retained, QoS 1. The whole desired state of one cluster: an agent holding a higher
/// generation ignores it. An empty group list means "own nothing": the agent prunes everything.
/// </summary>
public sealed record DesiredMessage(
    int V,
    string ClusterId,
    long Generation,
    SourceRef Source,
    IReadOnlyList<DesiredGroup> Groups,
    int ReconcileIntervalSeconds,
    DateTimeOffset IssuedAt) : IClusterMessage;
