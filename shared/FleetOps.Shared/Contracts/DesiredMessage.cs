namespace FleetOps.Shared.Contracts;

/// <summary>
/// hub → agent, retained, QoS 1. The whole desired state of one cluster: an agent holding a higher
/// generation ignores it. An empty group list means "own nothing": the agent prunes everything.
/// <see cref="Labels"/> are the labels the hub selects this cluster's groups by (its registry's, plus the agent's
/// keys the hub allows): the agent's <c>${cluster.labels.*}</c> read them before its own FLEETOPS_LABELS, so a store's
/// groups and its variables follow the same labels. Null from a hub that does not send them.
/// </summary>
public sealed record DesiredMessage(
    int V,
    string ClusterId,
    long Generation,
    SourceRef Source,
    IReadOnlyList<DesiredGroup> Groups,
    int ReconcileIntervalSeconds,
    DateTimeOffset IssuedAt,
    IReadOnlyDictionary<string, string>? Labels = null) : IClusterMessage;
