using System.Globalization;

namespace FleetOps.Shared.Contracts;

/// <summary>
/// How a window is written, on the wire and in fleet.yaml: days as <c>mon</c>..<c>sun</c>, times as
/// 24-hour <c>HH:mm</c>. One place, so the hub writes exactly what the agent reads.
/// </summary>
public static class WindowFormat
{
    /// <summary>The time zone a window without a zone is evaluated in.</summary>
    public const string Utc = "UTC";

    private static readonly string[] Names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// <summary>Monday first, the order windows list their days in.</summary>
    public static IReadOnlyList<string> DayNames => Names;

    /// <summary>Every day, Monday first.</summary>
    public static IReadOnlyList<DayOfWeek> EveryDay { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>Monday 0 .. Sunday 6 (DayOfWeek starts the week on Sunday).</summary>
    public static int WeekIndex(DayOfWeek day) => ((int)day + 6) % 7;

    public static string DayName(DayOfWeek day) => Names[WeekIndex(day)];

    /// <summary>Reads <c>mon</c>..<c>sun</c>, lowercase as on the wire.</summary>
    public static bool TryParseDay(string text, out DayOfWeek day)
    {
        var index = Array.IndexOf(Names, text);
        day = index < 0 ? default : EveryDay[index];
        return index >= 0;
    }

    /// <summary>Reads exactly <c>HH:mm</c>, 00:00 to 23:59: two-digit hours, so "2:00" is refused.</summary>
    public static bool TryParseTime(string text, out TimeOnly time)
    {
        time = default;
        if (text is not [var h1, var h2, ':', var m1, var m2] || !char.IsAsciiDigit(h1) || !char.IsAsciiDigit(h2)
            || !char.IsAsciiDigit(m1) || !char.IsAsciiDigit(m2))
            return false;
        var hour = ((h1 - '0') * 10) + (h2 - '0');
        var minute = ((m1 - '0') * 10) + (m2 - '0');
        if (hour > 23 || minute > 59)
            return false;
        time = new TimeOnly(hour, minute);
        return true;
    }

    public static string FormatTime(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// The first rule <paramref name="window"/> breaks, as a sentence, or null. The time zone is only
    /// required to be given: whether it exists is the evaluating side's question (an agent may lack a
    /// zone the hub knows, and then evaluates in UTC).
    /// </summary>
    public static string? Check(DesiredWindow window)
    {
        if (window.Days.Count == 0)
            return "days must name at least one day";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var day in window.Days)
        {
            if (!TryParseDay(day, out _))
                return $"day '{day}' is not one of {string.Join(", ", Names)}";
            if (!seen.Add(day))
                return $"day '{day}' is listed twice";
        }
        if (!TryParseTime(window.Start, out var start))
            return $"start '{window.Start}' is not a time in HH:mm";
        if (!TryParseTime(window.End, out var end))
            return $"end '{window.End}' is not a time in HH:mm";
        if (start == end)
            return $"start and end are both {window.Start}, which makes an empty window";
        return string.IsNullOrWhiteSpace(window.TimeZone) ? "timeZone must name a zone (an IANA id or UTC)" : null;
    }
}
