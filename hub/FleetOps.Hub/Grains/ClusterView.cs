using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Grains;

/// <summary>
/// How the hub reads a cluster's state: one place for the phase rules, used by the grain for its
/// reports and its detail view.
/// </summary>
internal static class ClusterView
{
    public static bool IsOnline(ClusterState s) => s.Presence != PresenceState.Offline;

    public static bool IsStale(ClusterState s, DateTimeOffset now, TimeSpan staleAfter) =>
        s.HasReported && IsOnline(s) && s.LastSeen is { } seen && now - seen > staleAfter;

    /// <summary>
    /// The agent's phase for one of its groups. A group the agent has not reported, or reported for
    /// another revision than the hub now wants, is Pending: the agent has not taken the target yet.
    /// </summary>
    public static Phase AgentPhase(ClusterState s, string group)
    {
        var status = s.LastStatus?.Groups.FirstOrDefault(g => g.Name == group);
        var desired = s.Desired.FirstOrDefault(d => d.Name == group);
        if (status is null)
            return Phase.Pending;
        if (desired is not null && status.DesiredRevision != desired.Revision)
            return Phase.Pending;
        return status.Phase;
    }

    /// <summary>The hub phase of the cluster in one group: Unknown before any report, Offline while offline.</summary>
    public static Phase GroupPhase(ClusterState s, string group) =>
        !s.HasReported ? Phase.Unknown : !IsOnline(s) ? Phase.Offline : AgentPhase(s, group);

    public static Phase ClusterPhase(ClusterState s) =>
        PhaseRollup.ForCluster(s.HasReported, IsOnline(s), s.Memberships.Select(g => AgentPhase(s, g)));
}
