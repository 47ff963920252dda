using System.Globalization;

namespace FleetOps.Cli.Parsing;

/// <summary>
/// A point in time as typed on the command line: a duration meaning that long ago (<c>2h</c>, <c>3d</c>),
/// <c>now</c>, <c>today</c>, <c>yesterday</c>, or ISO 8601 (<c>2026-11-17</c>, <c>2026-11-17T09:30</c>,
/// <c>2026-11-17T09:30:00Z</c>). A time without an offset is read in the user's time zone, as
/// <c>date</c> and <c>git log --since</c> do.
/// </summary>
public static class TimeExpression
{
    public const string Examples = "2h, 3d, yesterday, 2026-11-17, 2026-11-17T09:30 or 2026-11-17T09:30:00Z";

    private static readonly string[] LocalFormats =
        ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    // Tried after the local forms, so these only see times that carry 'Z' or '+hh:mm'.
    private static readonly string[] OffsetFormats =
        ["yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK"];

    public static bool TryParse(string? text, DateTimeOffset now, TimeZoneInfo zone, out DateTimeOffset time)
    {
        time = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return false;
        switch (trimmed.ToLowerInvariant())
        {
            case "now":
                time = now;
                return true;
            case "today":
                time = InZone(TimeZoneInfo.ConvertTime(now, zone).Date, zone);
                return true;
            case "yesterday":
                time = InZone(TimeZoneInfo.ConvertTime(now, zone).Date.AddDays(-1), zone);
                return true;
        }
        if (DurationText.TryParse(trimmed, out var ago) && !trimmed.Contains(':', StringComparison.Ordinal))
        {
            time = now - ago;
            return true;
        }
        if (DateTime.TryParseExact(trimmed, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            time = InZone(local, zone);
            return true;
        }
        return DateTimeOffset.TryParseExact(trimmed.ToUpperInvariant(), OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    private static DateTimeOffset InZone(DateTime wallClock, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }
}
