using FleetOps.Simulator.Stores;

namespace FleetOps.Scenarios.Tests.Harness;

/// <summary>Store specs for scenarios, named for what matters about them.</summary>
public static class Stores
{
    public static StoreSpec East(string id) => new(id, new Dictionary<string, string> { ["region"] = "east", ["ring"] = "stable" });

    public static StoreSpec West(string id) => new(id, new Dictionary<string, string> { ["region"] = "west", ["ring"] = "stable" });

    public static IReadOnlyDictionary<string, string> WestLabels => West("x").Labels;
}
