using FleetOps.Shared.Contracts;

namespace FleetOps.Shared.Scheduling;

/// <summary>
/// Evaluates a <see cref="DesiredWindow"/> on a store's clock. Pure: the caller passes the instant, so
/// the agent decides on its own time, online or offline, and tests need no clock.
/// </summary>
/// <remarks>
/// A window belongs to the day it opens: with start 22:00 and end 02:00 on [fri], Saturday 01:00 is
/// inside and Friday 01:00 is not. Wall times are resolved in the zone: a start that falls in a spring
/// forward gap opens at the first valid instant after it; one that occurs twice when clocks fall back
/// uses the first occurrence (ends too, so both edges follow one rule).
/// </remarks>
public static class StoreHours
{
    /// <exception cref="ArgumentException">The window breaks a wire rule (the codec refuses such messages).</exception>
    public static WindowCheck Evaluate(DesiredWindow window, DateTimeOffset now)
    {
        if (WindowFormat.Check(window) is { } broken)
            throw new ArgumentException($"window is not valid: {broken}", nameof(window));
        var zone = FindZone(window.TimeZone);
        var problem = zone is null ? $"unknown time zone '{window.TimeZone}'; the window is evaluated in UTC" : null;
        zone ??= TimeZoneInfo.Utc;

        var days = window.Days.Select(Day).ToHashSet();
        WindowFormat.TryParseTime(window.Start, out var start);
        WindowFormat.TryParseTime(window.End, out var end);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

        // Yesterday's window may still be open (across midnight); a week and a day ahead always holds
        // the next opening, whatever DST does to the edges.
        DateTimeOffset? opensAt = null;
        for (var offset = -1; offset <= 8 && opensAt is null; offset++)
        {
            var date = today.AddDays(offset);
            if (!days.Contains(date.DayOfWeek))
                continue;
            var opens = WallClock.Resolve(date, start, zone);
            var closes = WallClock.Resolve(end > start ? date : date.AddDays(1), end, zone);
            if (closes <= opens)
                continue; // both edges fell into the same DST gap: nothing to open that day
            if (opens <= now && now < closes)
                return new WindowCheck(true, null, closes, problem);
            if (opens > now)
                opensAt = opens;
        }
        return new WindowCheck(false, opensAt, null, problem);
    }

    /// <summary>
    /// The zone for an IANA id (or "UTC"), or null when this machine does not know it. IANA ids are read
    /// from the system's tz database on Linux; InvariantGlobalization does not affect them there.
    /// </summary>
    public static TimeZoneInfo? FindZone(string timeZone)
    {
        if (string.Equals(timeZone, WindowFormat.Utc, StringComparison.OrdinalIgnoreCase))
            return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return null;
        }
    }

    private static DayOfWeek Day(string name)
    {
        WindowFormat.TryParseDay(name, out var day);
        return day;
    }
}
