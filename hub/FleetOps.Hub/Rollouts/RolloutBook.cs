using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Rollouts;

/// <summary>
/// The live bookkeeping of one rollout: every member's standing, who waits to be released (in release
/// order), and counts by wave and standing. A report changes it in O(log n); nothing here scans the group.
/// With a canary selector (<paramref name="canarySelector"/>, as text), a member is a canary when its cluster
/// says so, judged against that same selector; one judged against another (or none) is counted as unjudged.
/// </summary>
internal sealed class RolloutBook(TargetRef target, string? canarySelector)
{
    private static readonly int Standings = Enum.GetValues<MemberStanding>().Length;

    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly SortedSet<(ulong Order, string Id)> waitingCanaries = [];
    private readonly SortedSet<(ulong Order, string Id)> waitingMain = [];
    private readonly Dictionary<int, int[]> byWave = [];

    public TargetRef Target => target;

    public string? CanarySelector => canarySelector;

    /// <summary>
    /// Members whose cluster has not judged this rollout's canary selector yet (a selector that came with the
    /// target's commit reaches clusters after the group): until none is left, nobody knows who the canaries are.
    /// </summary>
    public int Unjudged { get; private set; }

    /// <summary>Members picked by the canary selector (not pinned).</summary>
    public int Canaries { get; private set; }

    /// <summary>Every other member that is not pinned.</summary>
    public int Main { get; private set; }

    public int ReleasedCanaries { get; private set; }

    public int ReleasedMain { get; private set; }

    /// <summary>Released members still applying or waiting for their window: they hold the wave and take slots.</summary>
    public int Holding { get; private set; }

    /// <summary>Released members Failed or Degraded at the new revision.</summary>
    public int Failed { get; private set; }

    public int Pinned { get; private set; }

    public int Members => Canaries + Main;

    public bool Contains(string clusterId) => entries.ContainsKey(clusterId);

    public MemberStanding StandingOf(string clusterId) => entries[clusterId].Standing;

    /// <summary>Takes a member's latest report (the caller has already dropped older ones); a member that left is removed.</summary>
    public void Apply(MemberReport report)
    {
        entries.TryGetValue(report.ClusterId, out var entry);
        if (entry is not null)
            Subtract(entry);
        if (report.Left)
        {
            entries.Remove(report.ClusterId);
            return;
        }
        entry ??= entries[report.ClusterId] = new Entry(report.ClusterId, RolloutOrder.Of(report.ClusterId));
        entry.Report = report;
        entry.Canary = canarySelector is not null && report.IsCanary;
        entry.Unjudged = canarySelector is not null && report.CanarySelector != canarySelector;
        if (report.ReleasedSeq >= target.Seq)
        {
            entry.Released = true;
            entry.Releasing = false;
            entry.Wave = report.ReleasedWave;
        }
        else if (!entry.Releasing)
            entry.Released = false;
        entry.Standing = Classify(entry);
        Add(entry);
    }

    /// <summary>The next waiting member in release order, without taking it.</summary>
    public string? NextWaiting(bool canary) =>
        (canary ? waitingCanaries : waitingMain) is { Count: > 0 } waiting ? waiting.Min.Id : null;

    /// <summary>Counts a member as released in <paramref name="wave"/> now, before its cluster confirms it.</summary>
    public void MarkReleasing(string clusterId, int wave)
    {
        var entry = entries[clusterId];
        Subtract(entry);
        entry.Released = entry.Releasing = true;
        entry.Wave = wave;
        entry.Standing = Classify(entry);
        Add(entry);
    }

    /// <summary>The release reached the cluster (its report says so) or did not (it waits again).</summary>
    public void Settle(string clusterId, bool released)
    {
        if (!entries.TryGetValue(clusterId, out var entry) || !entry.Releasing)
            return;
        Subtract(entry);
        entry.Releasing = false;
        entry.Released = released || entry.Report.ReleasedSeq >= target.Seq;
        entry.Standing = Classify(entry);
        Add(entry);
    }

    /// <summary>Members released in a wave, by standing (indexed by <see cref="MemberStanding"/>).</summary>
    public IReadOnlyList<int> InWave(int wave) => byWave.TryGetValue(wave, out var counts) ? counts : new int[Standings];

    /// <summary>Members failing at the new revision, first in release order; a scan, for views and audit only.</summary>
    public IReadOnlyList<MemberReport> Failing(int max) => entries.Values
        .Where(e => e.Standing == MemberStanding.Failed)
        .OrderBy(e => e.Order).ThenBy(e => e.Id, StringComparer.Ordinal)
        .Take(max).Select(e => e.Report).ToList();

    /// <summary>Every member released to this rollout's revision (or an older one still above stable), for abort.</summary>
    public IReadOnlyList<string> ReleasedIds() => entries.Values.Where(e => e.Released).Select(e => e.Id).ToList();

    private MemberStanding Classify(Entry entry)
    {
        var report = entry.Report;
        if (report.Pinned)
            return MemberStanding.Pinned;
        if (!entry.Released)
            return MemberStanding.Waiting;
        if (report.Phase is Phase.Offline or Phase.Unknown)
            return MemberStanding.Offline;
        if (report.DesiredRevision == target.Revision)
        {
            if (report.Phase == Phase.Converged)
                return MemberStanding.Converged;
            if (report.Phase is Phase.Failed or Phase.Degraded)
                return MemberStanding.Failed;
            if (report.Phase == Phase.Pending && report.Reason == Reasons.OutsideWindow)
                return MemberStanding.OutsideWindow;
        }
        return MemberStanding.Applying;
    }

    private void Add(Entry entry) => Count(entry, +1);

    private void Subtract(Entry entry) => Count(entry, -1);

    private void Count(Entry entry, int sign)
    {
        if (entry.Unjudged)
            Unjudged += sign;
        if (entry.Standing == MemberStanding.Pinned)
        {
            Pinned += sign;
            return;
        }
        if (entry.Canary)
            Canaries += sign;
        else
            Main += sign;
        if (entry.Standing == MemberStanding.Waiting)
        {
            var waiting = entry.Canary ? waitingCanaries : waitingMain;
            if (sign > 0)
                waiting.Add((entry.Order, entry.Id));
            else
                waiting.Remove((entry.Order, entry.Id));
            return;
        }
        if (entry.Canary)
            ReleasedCanaries += sign;
        else
            ReleasedMain += sign;
        if (!byWave.TryGetValue(entry.Wave, out var counts))
            byWave[entry.Wave] = counts = new int[Standings];
        counts[(int)entry.Standing] += sign;
        if (entry.Standing is MemberStanding.Applying or MemberStanding.OutsideWindow)
            Holding += sign;
        if (entry.Standing == MemberStanding.Failed)
            Failed += sign;
    }

    private sealed class Entry(string id, ulong order)
    {
        public string Id { get; } = id;

        public ulong Order { get; } = order;

        public MemberReport Report { get; set; } = null!;

        public bool Canary { get; set; }

        public bool Unjudged { get; set; }

        public bool Released { get; set; }

        /// <summary>Released by this hub and not yet confirmed by the cluster's report.</summary>
        public bool Releasing { get; set; }

        public int Wave { get; set; }

        public MemberStanding Standing { get; set; }
    }
}
