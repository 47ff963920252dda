namespace FleetOps.Simulator.Stores;

/// <summary>One simulated store: its cluster id and the labels the hub selects on.</summary>
public sealed record StoreSpec(string Id, IReadOnlyDictionary<string, string> Labels);
