using FleetOps.Hub.Grains.Abstractions;

namespace FleetOps.Hub.Grains;

internal partial class ClusterGrain
{
    // The directory's view of "last seen" is refreshed at most this often unless something else changed: staleness
    // is judged in minutes, and every message must not become a second grain call. A tenth of the stale limit at
    // most, so a heartbeat that arrives in time never reaches the listing too late.
    private TimeSpan LastSeenResolution =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(15).Ticks, hubOptions.Value.StaleAfter.Ticks / 10));

    private long stamp;
    private ClusterReport? lastReport;
    private readonly Dictionary<string, MemberReport> lastMembers = new(StringComparer.Ordinal);
    private CatchUp reporting = null!;

    /// <summary>
    /// Tells the directory shard and each group what changed. Ingest does not wait for them; a report
    /// that fails is sent again, whole, by the catch-up timer.
    /// </summary>
    private void Report(bool force)
    {
        foreach (var call in Reports(force))
            _ = SendAsync(call);
    }

    /// <summary>Reports and waits for the groups and shard to have it; one that fails is sent again by the catch-up timer.</summary>
    private async Task ReportAndWaitAsync(bool force)
    {
        try
        {
            await Task.WhenAll(Reports(force));
        }
        catch
        {
            reporting.Owe();
        }
    }

    private List<Task> Reports(bool force)
    {
        var calls = new List<Task>();
        var members = S.Memberships.Select(Member).ToList();
        foreach (var member in members)
        {
            if (!force && lastMembers.TryGetValue(member.Group, out var before) && before == member with { Stamp = before.Stamp })
                continue;
            var stamped = member with { Stamp = NextStamp() };
            lastMembers[member.Group] = stamped;
            calls.Add(GrainFactory.GetGrain<IGroupGrain>(member.Group).ReportMemberAsync(stamped));
        }
        foreach (var left in lastMembers.Keys.Except(S.Memberships).ToList())
        {
            lastMembers.Remove(left);
            calls.Add(GrainFactory.GetGrain<IGroupGrain>(left).ReportMemberAsync(new MemberReport(Id, left, default, null, null, NextStamp(), Left: true)));
        }

        var report = new ClusterReport(Id, SelectionLabels, ClusterView.ClusterPhase(S), S.Presence, S.LastSeen, S.Generation, members, 0, ClusterView.LastPhase(S),
            UnconfirmedUntil is not null, Leaving.Of(S));
        if (!force && lastReport is not null && SameExceptSeen(lastReport, report)
            && (report.LastSeen is null || lastReport.LastSeen is { } seen && report.LastSeen - seen < LastSeenResolution))
            return calls;
        lastReport = report with { Stamp = NextStamp() };
        calls.Add(ClusterDirectory.For(GrainFactory, Id).ReportAsync(lastReport));
        return calls;
    }

    private async Task SendAsync(Task call)
    {
        try
        {
            await call;
        }
        catch
        {
            // A group or shard missed this cluster's latest: everything is reported again, newly stamped.
            reporting.Owe();
        }
    }

    private async Task CatchUpReportsAsync()
    {
        if (!S.Registered)
            return;
        try
        {
            await Task.WhenAll(Reports(force: true));
            reporting.Paid();
        }
        catch
        {
            reporting.Owe();
        }
    }

    private MemberReport Member(string group)
    {
        var current = ClusterView.CurrentStatus(S, group);
        var release = S.Releases.GetValueOrDefault(group);
        return new MemberReport(Id, group, ClusterView.GroupPhase(S, group), S.Desired.FirstOrDefault(d => d.Name == group)?.Revision,
            S.LastStatus?.Groups.FirstOrDefault(s => s.Name == group)?.AppliedRevision, 0, Reason: current?.Reason, Message: current?.Message,
            IsCanary: S.CanaryIn.Contains(group), ReleasedSeq: release?.Target.Seq ?? 0, ReleasedWave: release?.Wave ?? 0,
            Pinned: S.Pins.ContainsKey(group), CanarySelector: S.CanarySelectors.GetValueOrDefault(group));
    }

    private static bool SameExceptSeen(ClusterReport a, ClusterReport b) =>
        a.Phase == b.Phase && a.LastPhase == b.LastPhase && a.Presence == b.Presence && a.Unconfirmed == b.Unconfirmed && a.Generation == b.Generation
        && StringMaps.Same(a.Labels, b.Labels) && (a.Leaving ?? []).SequenceEqual(b.Leaving ?? [])
        && a.Members.Select(m => m with { Stamp = 0 }).SequenceEqual(b.Members.Select(m => m with { Stamp = 0 }));

    // Stamps order reports from this cluster even across reactivations: they follow the clock.
    private long NextStamp() => stamp = Math.Max(stamp + 1, time.GetUtcNow().UtcTicks);
}
