using FleetOps.Hub.Grains.Abstractions;

namespace FleetOps.Hub.Grains;

public sealed partial class ClusterGrain
{
    // The directory's view of "last seen" is refreshed at most this often unless something else changed:
    // staleness is judged in minutes, and every message must not become a second grain call.
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromSeconds(15);

    private long stamp;
    private ClusterReport? lastReport;
    private readonly Dictionary<string, MemberReport> lastMembers = new(StringComparer.Ordinal);

    /// <summary>Tells the directory shard and each group what changed; one-way, so ingest never waits on them.</summary>
    private void Report(bool force)
    {
        var members = S.Memberships.Select(Member).ToList();

        foreach (var member in members)
        {
            if (!force && lastMembers.TryGetValue(member.Group, out var before) && before == member with { Stamp = before.Stamp })
                continue;
            var stamped = member with { Stamp = NextStamp() };
            lastMembers[member.Group] = stamped;
            _ = GrainFactory.GetGrain<IGroupGrain>(member.Group).ReportMemberAsync(stamped);
        }
        foreach (var left in lastMembers.Keys.Except(S.Memberships).ToList())
        {
            lastMembers.Remove(left);
            _ = GrainFactory.GetGrain<IGroupGrain>(left).ReportMemberAsync(new MemberReport(Id, left, default, null, null, NextStamp(), Left: true));
        }

        var report = new ClusterReport(Id, S.Labels, ClusterView.ClusterPhase(S), S.Presence, S.LastSeen, S.Generation, members, 0, ClusterView.LastPhase(S));
        if (!force && lastReport is not null && SameExceptSeen(lastReport, report)
            && (report.LastSeen is null || lastReport.LastSeen is { } seen && report.LastSeen - seen < LastSeenResolution))
            return;
        lastReport = report with { Stamp = NextStamp() };
        _ = ClusterDirectory.For(GrainFactory, Id).ReportAsync(lastReport);
    }

    private MemberReport Member(string group)
    {
        var current = ClusterView.CurrentStatus(S, group);
        return new MemberReport(Id, group, ClusterView.GroupPhase(S, group), S.Desired.FirstOrDefault(d => d.Name == group)?.Revision,
            S.LastStatus?.Groups.FirstOrDefault(s => s.Name == group)?.AppliedRevision, 0, Reason: current?.Reason, Message: current?.Message);
    }

    private static bool SameExceptSeen(ClusterReport a, ClusterReport b) =>
        a.Phase == b.Phase && a.LastPhase == b.LastPhase && a.Presence == b.Presence && a.Generation == b.Generation
        && SameLabels(a.Labels, b.Labels)
        && a.Members.Select(m => m with { Stamp = 0 }).SequenceEqual(b.Members.Select(m => m with { Stamp = 0 }));

    // Stamps order one-way reports from this cluster even across reactivations: they follow the clock.
    private long NextStamp() => stamp = Math.Max(stamp + 1, time.GetUtcNow().UtcTicks);
}
