using FleetOps.Hub.Storage;
using FleetOps.Shared.Api;

namespace FleetOps.Hub.Grains;

internal partial class ClusterGrain
{
    public async Task<ClusterDetail?> GetDetailAsync(int recentEvents)
    {
        if (!S.Registered)
            return null;
        var events = recentEvents > 0 ? await journal.LatestAsync(Id, recentEvents) : [];
        var now = time.GetUtcNow();
        var groups = S.Memberships.Select(GroupView).ToList();
        // Groups the agent still reports but no longer belongs to (being pruned) stay visible.
        groups.AddRange(S.LastStatus?.Groups.Where(g => !S.Memberships.Contains(g.Name)).Select(g => new ClusterGroupView(
            g.Name, null, null, null, g.AppliedRevision, g.Phase, g.Reason, g.Message, g.Resources, g.Unhealthy, g.Since, g.Phase)) ?? []);

        return new ClusterDetail(
            Id, S.Labels, ClusterView.ClusterPhase(S), new PresenceView(S.Presence, S.PresenceSince, UnconfirmedUntil), S.LastSeen,
            ClusterView.IsStale(S, now, hubOptions.Value.StaleAfter), S.RegisteredAt, S.Generation,
            S.HasReported ? S.AgentGeneration : null, S.AgentVersion, S.KubernetesVersion, S.AckedSeq, groups,
            events.Select(e => e.ToView()).ToList(), ClusterView.LastPhase(S), S.LastStatus?.At, S.StatusReceivedAt,
            stateProblem, S.Renderer, LabelView());
    }

    private ClusterGroupView GroupView(string name)
    {
        var desired = S.Desired.FirstOrDefault(d => d.Name == name);
        var status = S.LastStatus?.Groups.FirstOrDefault(g => g.Name == name);
        return new ClusterGroupView(
            name, desired?.Path, desired?.Revision, desired?.Digest, status?.AppliedRevision, ClusterView.GroupPhase(S, name),
            status?.Reason, status?.Message, status?.Resources, status?.Unhealthy ?? [], status?.Since,
            ClusterView.LastGroupPhase(S, name));
    }
}
