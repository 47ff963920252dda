using FleetOps.Shared.Contracts;
using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Fleet;

/// <summary>
/// Store-local hours in which a group may move to a new revision: on <see cref="Days"/> from
/// <see cref="Start"/> to <see cref="End"/> (an end before the start closes the next day), in the zone
/// named by each cluster's <see cref="TimezoneLabel"/> label, or UTC.
/// </summary>
public sealed record WindowPolicy(IReadOnlyList<DayOfWeek> Days, TimeOnly Start, TimeOnly End, string? TimezoneLabel)
{
    /// <summary>Without duplicates, Monday first, so equal windows compare and print equal.</summary>
    public IReadOnlyList<DayOfWeek> Days { get; init => field = Canonical(value); } = Canonical(Days);

    /// <summary>
    /// The window as one cluster receives it, in the zone its <see cref="TimezoneLabel"/> label names
    /// ("UTC" without one). Label values cannot hold '/', so a zone may be written with '.' in its place
    /// (<c>America.New_York</c>); IANA ids never contain '.', so the reading is unambiguous.
    /// </summary>
    public DesiredWindow ForCluster(IReadOnlyDictionary<string, string> labels) =>
        new([.. Days.Select(WindowFormat.DayName)], WindowFormat.FormatTime(Start), WindowFormat.FormatTime(End), TimeZoneFor(labels));

    private string TimeZoneFor(IReadOnlyDictionary<string, string> labels) =>
        TimezoneLabel is not null && labels.TryGetValue(TimezoneLabel, out var zone) && zone.Length > 0
            ? zone.Replace('.', '/')
            : WindowFormat.Utc;

    private static ValueList<DayOfWeek> Canonical(IEnumerable<DayOfWeek>? days) =>
        ValueList<DayOfWeek>.From(days?.Distinct().OrderBy(WindowFormat.WeekIndex));
}
