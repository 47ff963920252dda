using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Grains;

/// <summary>
/// Sets aside what a cluster's stored state holds that no reader understands, so one store can never make
/// the hub's answers about it (and its groups) fail. Before the codec read enums by name only, an agent's
/// <c>"phase": 99</c> or presence <c>"state": 7</c> was stored as it came and broke every view of the cluster,
/// across restarts. A status the hub cannot judge is dropped (the group is Pending until the agent reports
/// again), an unknown presence is forgotten; what was set aside is said once, to be shown with the cluster.
/// </summary>
internal static class StoredStateRepair
{
    /// <summary>Repairs <paramref name="state"/> in place; returns what was set aside, or null when it was read whole.</summary>
    public static string? Repair(ClusterState state)
    {
        var problems = new List<string>();
        if (state.LastStatus is { } status)
        {
            var unreadable = status.Groups.Where(g => !IsAgentPhase(g.Phase)).ToList();
            if (unreadable.Count > 0)
            {
                problems.AddRange(unreadable.Select(g => $"the stored status of group '{g.Name}' has phase {(int)g.Phase}, which is not an agent's phase"));
                state.LastStatus = status with { Groups = status.Groups.Except(unreadable).ToList() };
            }
        }
        if (state.Presence is { } presence && !Enum.IsDefined(presence))
        {
            problems.Add($"the stored presence has state {(int)presence}, which is neither online nor offline");
            state.Presence = null;
        }
        return problems.Count == 0
            ? null
            : $"{string.Join("; ", problems)}: set aside until the agent reports again";
    }

    private static bool IsAgentPhase(Phase phase) => Enum.IsDefined(phase) && phase is not (Phase.Offline or Phase.Unknown);
}
