using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Output;

/// <summary>
/// Why one cluster is where it is in one group, in a line: the agent's reason and message and its first
/// unhealthy object, or for a cluster the hub cannot see, when it was last heard from.
/// </summary>
public static class MemberNotes
{
    public static (string Reason, string Message) For(Phase phase, ClusterDetail? cluster, string group, DateTimeOffset now)
    {
        var entry = cluster?.Groups.FirstOrDefault(g => g.Name == group);
        return phase switch
        {
            Phase.Offline => ("-", $"offline, last seen {Ages.Since(cluster?.LastSeen, now)} ago" + Last(entry)),
            Phase.Unknown => ("-", "registered, never reported"),
            // The reason beside a Pending group is the one from the agent's report on an older revision: misleading, so not shown.
            Phase.Pending when entry is not null && entry.AppliedRevision != entry.DesiredRevision =>
                ("-", $"has not taken {Revisions.Short(entry.DesiredRevision)} yet" + (cluster?.Stale == true ? $"; silent for {Ages.Since(cluster.LastSeen, now)} (stale)" : "")),
            _ when entry is null => ("-", "-"),
            _ => (entry.Reason ?? "-", Describe(entry)),
        };
    }

    /// <summary>
    /// The same line from the group's member list alone, for a member whose cluster was not read (past the
    /// bound on lookups, or gone): the agent's reason and message at the current target, without last-seen
    /// times or unhealthy objects.
    /// </summary>
    public static (string Reason, string Message) For(GroupMemberView member) => member.Phase switch
    {
        Phase.Offline => ("-", "offline" + (string.IsNullOrWhiteSpace(member.Message) ? "" : $"; last report: {member.Message.Trim()}")),
        Phase.Unknown => ("-", "registered, never reported"),
        Phase.Pending when member.Reason is null => ("-", $"has not taken {Revisions.Short(member.DesiredRevision)} yet"),
        _ => (member.Reason ?? "-", string.IsNullOrWhiteSpace(member.Message) ? "-" : member.Message.Trim()),
    };

    /// <summary>
    /// The agent's message, then the first unhealthy object (the rest are in <c>fleetops cluster ID</c>) unless
    /// the message already names it, as the agent's health message does.
    /// </summary>
    public static string Describe(ClusterGroupView entry)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(entry.Message))
            parts.Add(entry.Message.Trim());
        if (entry.Unhealthy.Count > 0)
        {
            var first = entry.Unhealthy[0];
            var more = entry.Unhealthy.Count > 1 ? $" (+{entry.Unhealthy.Count - 1} more)" : "";
            var named = $"{first.Subject}: {first.Message}";
            if (parts.Count == 0 || !parts[0].Contains(named, StringComparison.Ordinal))
                parts.Add(named + more);
        }
        return parts.Count == 0 ? "-" : string.Join("; ", parts);
    }

    // An offline cluster's last report still says what it was doing when the hub lost it.
    private static string Last(ClusterGroupView? entry) =>
        entry is null || Describe(entry) is "-" ? "" : $"; last report: {Describe(entry)}";
}
