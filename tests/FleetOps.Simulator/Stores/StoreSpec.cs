namespace FleetOps.Simulator.Stores;

/// <summary>One simulated store: its cluster id and the labels the hub selects on.</summary>
public sealed record StoreSpec(string Id, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>
    /// When set, the agent connects with this token instead of the one the hub issued at registration
    /// (a store misconfigured with a wrong or stale token).
    /// </summary>
    public string? TokenOverride { get; init; }

    /// <summary>When set, the agent verifies the hub with this CA file instead of the hub's own (a store given the wrong CA, or a fake hub).</summary>
    public string? BrokerCaOverride { get; init; }

    /// <summary>How far the store's clock is from real time when it starts (see <see cref="SimulatedStore.Clock"/>).</summary>
    public TimeSpan ClockOffset { get; init; }
}
