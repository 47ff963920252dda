using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Api;

/// <summary>Cluster answers the handlers make without the cluster's grain.</summary>
internal static class ClusterDetails
{
    /// <summary>A registered cluster that cannot be loaded: nothing is known of it but its id and why.</summary>
    public static ClusterDetail Unloadable(string id, string problem) => new(
        id, new Dictionary<string, string>(), Phase.Unknown, new PresenceView(null, null), null, false, default, 0, null, null, null, 0,
        [], [], null, StateProblem: problem);
}
