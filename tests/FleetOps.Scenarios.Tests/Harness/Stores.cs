using FleetOps.Simulator.Stores;

namespace FleetOps.Scenarios.Tests.Harness;

/// <summary>Store specs for scenarios, named for what matters about them.</summary>
public static class Stores
{
    public static StoreSpec East(string id) => new(id, new Dictionary<string, string> { ["region"] = "east", ["ring"] = "stable" });

    /// <summary>An east store in the canary ring (the ring the rollout fixtures' canary selector picks).</summary>
    public static StoreSpec EastCanary(string id) => new(id, new Dictionary<string, string> { ["region"] = "east", ["ring"] = "canary" });

    public static StoreSpec West(string id) => new(id, new Dictionary<string, string> { ["region"] = "west", ["ring"] = "stable" });

    public static IReadOnlyDictionary<string, string> WestLabels => West("x").Labels;

    /// <summary>The spec with one more label.</summary>
    public static StoreSpec Labelled(this StoreSpec spec, string key, string value) =>
        spec with { Labels = new Dictionary<string, string>(spec.Labels) { [key] = value } };
}
