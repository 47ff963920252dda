using System.Globalization;

namespace FleetOps.Cli.Output;

/// <summary>Wall-clock times in the user's zone, to the second, named once in a heading rather than on every row.</summary>
public static class Times
{
    public static string Format(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"UTC" for every name of UTC (Linux calls it Etc/UTC), else the zone's id, e.g. Europe/Berlin.</summary>
    public static string ZoneName(TimeZoneInfo zone) =>
        zone == TimeZoneInfo.Utc || zone.Id is "Etc/UTC" or "Etc/Universal" or "Etc/Zulu" or "UTC" or "Universal" or "Zulu" ? "UTC" : zone.Id;
}
