using FleetOps.Hub.Storage;
using FleetOps.Hub.Web.Models;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Web.Reading;

/// <summary>
/// A group's convergence on its newest target, from the fleet journal: each member's first Converged event at the
/// target's revision, timed by when the hub received it (the hub's clock, the same for every store). An agent
/// journals Converged only when its phase changes, so this is a few events per member per target.
/// </summary>
internal static class ConvergenceCurves
{
    /// <summary>Enough for the largest fleets we measure; past it the curve stops early rather than the page getting slow.</summary>
    public const int MaxEvents = 10_000;

    private const int Page = 1000;
    private const int MaxPoints = 240;

    // The query filters on the stores' own times; a store whose clock runs behind still counts.
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(15);

    public static async Task<ConvergenceCurve?> ReadAsync(GroupView group, IJournalStore journal, CancellationToken cancellationToken)
    {
        if (group.Target is not { } target)
            return null;
        var first = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var skip = 0; skip < MaxEvents; skip += Page)
        {
            var found = await journal.QueryFleetAsync(
                new FleetEventQuery(JournalEventKinds.Converged, group.Name, target.Since - ClockSlack, null, skip, Page), cancellationToken);
            foreach (var e in found.Where(e => e.Event.Event.Revision == target.Commit.Sha))
            {
                var at = e.Event.ReceivedAt ?? e.Event.Event.At;
                if (!first.TryGetValue(e.ClusterId, out var earlier) || at < earlier)
                    first[e.ClusterId] = at;
            }
            if (found.Count < Page)
                break;
        }
        return From(target.Commit.Sha, target.Since, group.Members.Total, first.Values);
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
}
