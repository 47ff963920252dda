using System.Collections.Concurrent;
using FleetOps.Hub.Storage;
using FleetOps.Hub.Web.Models;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Web.Reading;

/// <summary>
/// A group's convergence on its newest target, from the fleet journal: each member's first Converged event at the
/// target's revision, timed by when the hub received it (the hub's clock, the same for every store). An agent
/// journals Converged only when its phase changes, so this is a few events per member per target. The fleet query
/// scans the journal's chunks, and an open group page asks every few seconds, so a curve is read once and kept for
/// <see cref="KeepFor"/> per group and revision.
/// </summary>
internal sealed class ConvergenceCurves(IJournalStore journal, TimeProvider time)
{
    /// <summary>Enough for the largest fleets we measure; past it the curve stops early rather than the page getting slow.</summary>
    public const int MaxEvents = 10_000;

    public static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(10);

    private const int MaxPoints = 240;

    // The query filters on the stores' own times; a store whose clock runs behind still counts.
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Kept> kept = new(StringComparer.Ordinal);

    public async Task<ConvergenceCurve?> ReadAsync(GroupView group, CancellationToken cancellationToken)
    {
        if (group.Target is not { } target)
            return null;
        var now = time.GetUtcNow();
        if (kept.TryGetValue(group.Name, out var earlier) && earlier.Revision == target.Commit.Sha && now - earlier.At < KeepFor)
            return earlier.Curve;
        var found = await journal.QueryFleetAsync(
            new FleetEventQuery(JournalEventKinds.Converged, group.Name, target.Since - ClockSlack, null, 0, MaxEvents), cancellationToken);
        var first = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var e in found.Where(e => e.Event.Event.Revision == target.Commit.Sha))
        {
            var at = e.Event.ReceivedAt ?? e.Event.Event.At;
            if (!first.TryGetValue(e.ClusterId, out var seen) || at < seen)
                first[e.ClusterId] = at;
        }
        var curve = From(target.Commit.Sha, target.Since, group.Members.Total, first.Values);
        kept[group.Name] = new Kept(target.Commit.Sha, now, curve);
        return curve;
    }

    public static ConvergenceCurve From(string revision, DateTimeOffset since, int members, IEnumerable<DateTimeOffset> convergedAt)
    {
        var after = convergedAt.Select(t => t < since ? TimeSpan.Zero : t - since).Order().ToList();
        var points = after.Select((a, i) => new ConvergencePoint(a, i + 1)).ToList();
        if (points.Count > MaxPoints)
        {
            // Thousands of members: keep the curve's shape and its last point, not every step.
            var step = (points.Count + MaxPoints - 1) / MaxPoints;
            points = points.Where((_, i) => i % step == step - 1 || i == points.Count - 1).ToList();
        }
        return new(revision, since, Math.Max(members, after.Count), points);
    }

    private sealed record Kept(string Revision, DateTimeOffset At, ConvergenceCurve Curve);
}
