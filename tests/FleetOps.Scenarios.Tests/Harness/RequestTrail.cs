using FleetOps.KubeEmulator;
using FleetOps.Simulator.Stores;

namespace FleetOps.Scenarios.Tests.Harness;

/// <summary>
/// Which content ever reached a store's cluster, read from its request log (a fleet started with
/// <see cref="ScenarioFleetOptions.RecordRequests"/>): the bodies the agent sent, so "never received" is a
/// fact about every request of the scenario, not about the state the cluster happens to be in at the end.
/// </summary>
public static class RequestTrail
{
    /// <summary>More requests than any scenario makes: the log is never trimmed.</summary>
    public const int Capacity = 200_000;

    /// <summary>Every request whose body carried <paramref name="text"/>, dry runs included (they too are content reaching the store).</summary>
    public static IReadOnlyList<KubeRequest> Carrying(SimulatedStore store, string text)
    {
        var log = store.Cluster.Requests;
        Assert.True(log.Count == store.Cluster.RequestCount,
            $"{store.Id}: the request log kept {log.Count} of {store.Cluster.RequestCount} requests; start the fleet with RecordRequests");
        return log.Where(r => r.Body?.Contains(text, StringComparison.Ordinal) == true).ToList();
    }

    /// <summary>When the store's cluster first stored something carrying <paramref name="text"/> (a write that succeeded, not a dry run); null if never.</summary>
    public static DateTimeOffset? FirstWrite(SimulatedStore store, string text) =>
        Carrying(store, text).Where(r => r.IsWrite && r.StatusCode < 300).Select(r => (DateTimeOffset?)r.Time).Min();

    /// <summary>Asserts that nothing carrying <paramref name="text"/> ever reached any of <paramref name="stores"/>.</summary>
    public static void AssertNeverReached(IEnumerable<SimulatedStore> stores, string text, string what)
    {
        var reached = stores.Select(s => (s.Id, Requests: Carrying(s, text))).Where(s => s.Requests.Count > 0).ToList();
        Assert.True(reached.Count == 0, $"{what} reached " + string.Join("; ", reached.Select(s =>
            $"{s.Id}: {s.Requests.Count} request(s), first {s.Requests[0].Verb} {s.Requests[0].Path} at {s.Requests[0].Time:HH:mm:ss.fff}")));
    }

    /// <summary>Whether the store's agent has talked to its cluster since <paramref name="instant"/>: it was running and would have applied whatever it was told.</summary>
    public static bool ServedSince(SimulatedStore store, DateTimeOffset instant) =>
        store.Cluster.Requests is { Count: > 0 } log && log[^1].Time > instant;
}
