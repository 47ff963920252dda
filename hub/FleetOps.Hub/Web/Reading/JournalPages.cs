using FleetOps.Hub.Api;
using FleetOps.Hub.Storage;
using FleetOps.Hub.Web.Models;
using FleetOps.Shared.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetOps.Hub.Web.Reading;

/// <summary>
/// A cluster's journal a page at a time, newest first, read through the API's own history handler. Pages are cut
/// by seq, never by time, for the reason the API gives: a store's clock may step back.
/// </summary>
internal static class JournalPages
{
    public const int Size = 50;

    /// <param name="before">Show events below this seq; null for the newest page.</param>
    public static async Task<JournalPage> ReadAsync(ClusterDetail cluster, long? before, IGrainFactory grains, IJournalStore journal)
    {
        var newest = cluster.RecentEvents.Count == 0 ? 0 : cluster.RecentEvents[^1].Seq;
        var end = Math.Min(before is > 0 ? before.Value : newest + 1, newest + 1);
        var after = Math.Max(0, end - 1 - Size);
        var answer = await ClusterEndpoints.History(cluster.Id, null, null, after, Size, grains, journal);
        var events = answer.Result is Ok<HistoryPage> { Value: { } page }
            ? page.Events.Where(e => e.Seq < end).Reverse().ToList()
            : [];
        return new(events, after > 0 ? after + 1 : null, end <= newest ? end + Size : null);
    }
}
