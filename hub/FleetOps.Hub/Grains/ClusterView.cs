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
    /// While an online presence is a leftover from before the broker started (the agent has not spoken since), when
    /// the hub stops waiting for it and takes the cluster as Offline; null when the presence is current.
    /// </summary>
    public static DateTimeOffset? UnconfirmedUntil(ClusterState s, DateTimeOffset? epoch, TimeSpan grace) =>
        s.Presence == PresenceState.Online && epoch is { } since && !(s.PresenceConfirmedAt >= since) ? since + grace : null;

    /// <summary>
    /// The agent's phase for one of its groups. A group the agent has not reported, or reported for
    /// another revision than the hub now wants, is Pending: the agent has not taken the target yet.
    /// </summary>
    public static Phase AgentPhase(ClusterState s, string group) => CurrentStatus(s, group)?.Phase ?? Phase.Pending;

    /// <summary>The hub phase of the cluster in one group: Unknown before any report, Offline while offline.</summary>
    public static Phase GroupPhase(ClusterState s, string group) =>
        !s.HasReported ? Phase.Unknown : !IsOnline(s) ? Phase.Offline : AgentPhase(s, group);

    /// <summary>The agent's status for a group when it is about the revision the hub now wants; null otherwise.</summary>
    public static GroupStatus? CurrentStatus(ClusterState s, string group) =>
        s.LastStatus?.Groups.FirstOrDefault(g => g.Name == group) is { } status
        && s.Desired.FirstOrDefault(d => d.Name == group) is var desired
        && (desired is null || status.DesiredRevision == desired.Revision) ? status : null;

    /// <summary>
    /// What the agent last said of a group, whatever revision it was about (the applied revision beside it
    /// says which), so an offline cluster still shows where it was; Pending for a group it never reported,
    /// null before any report.
    /// </summary>
    public static Phase? LastGroupPhase(ClusterState s, string group) =>
        !s.HasReported ? null : s.LastStatus?.Groups.FirstOrDefault(g => g.Name == group)?.Phase ?? Phase.Pending;

    /// <summary>The worst of <see cref="LastGroupPhase"/> over the cluster's groups; null before any report.</summary>
    public static Phase? LastPhase(ClusterState s) =>
        s.HasReported ? PhaseRollup.Worst(s.Memberships.Select(g => LastGroupPhase(s, g)!.Value)) : null;

    public static Phase ClusterPhase(ClusterState s) =>
        PhaseRollup.ForCluster(s.HasReported, IsOnline(s), s.Memberships.Select(g => AgentPhase(s, g)));
}
