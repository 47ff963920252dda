using FleetOps.Hub.Storage;
using FleetOps.Shared.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetOps.Hub.Api;

/// <summary><c>GET /api/v1/events</c>: the journal of every store at once (who drifted, what was corrected), newest first, a page at a time.</summary>
internal static class EventEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    /// <summary>Without <c>since</c>, the last day: a fleet's whole journal is not one answer.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);

    public static async Task<Results<Ok<EventPage>, ProblemHttpResult>> List(
        string? kind, string? group, DateTimeOffset? since, DateTimeOffset? until, int? page, int? pageSize, IJournalStore journal, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var size = pageSize ?? DefaultPageSize;
        if (size < 1 || size > MaxPageSize)
            return Problems.BadRequest("Invalid pageSize", $"pageSize must be between 1 and {MaxPageSize}");
        var number = page ?? 1;
        if (number < 1)
            return Problems.BadRequest("Invalid page", "page counts from 1");
        var from = since ?? time.GetUtcNow() - DefaultWindow;
        var found = await journal.QueryFleetAsync(
            new FleetEventQuery(Blank(kind), Blank(group), from, until, (number - 1) * size, size + 1), cancellationToken);
        return TypedResults.Ok(new EventPage(Blank(kind), Blank(group), from, until, number, size,
            found.Take(size).Select(e => e.Event.ToView(e.ClusterId)).ToList(), found.Count > size));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
