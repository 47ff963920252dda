namespace FleetOps.Shared.Scheduling;

/// <summary>Turns a local date and time in a zone into an instant, deciding what DST gaps and overlaps mean.</summary>
internal static class WallClock
{
    // The longest gap on record is a whole skipped day (Samoa, 2011); searching two days always ends.
    private const int MaxGapMinutes = 2 * 24 * 60;

    /// <summary>
    /// The instant the wall clock reads <paramref name="time"/> on <paramref name="date"/>. In a spring
    /// forward gap: the first valid instant after it (the gap's end). Read twice when clocks fall back:
    /// the first occurrence.
    /// </summary>
    public static DateTimeOffset Resolve(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
            return Resolve(EndOfGap(local, zone), zone);
        return Resolve(local, zone);
    }

    private static DateTimeOffset Resolve(DateTime local, TimeZoneInfo zone) =>
        // The first occurrence is the one with the larger offset (the earlier instant).
        zone.IsAmbiguousTime(local)
            ? new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max())
            : new DateTimeOffset(local, zone.GetUtcOffset(local));

    // Transitions fall on whole minutes, so the first valid whole minute is where the gap ends.
    private static DateTime EndOfGap(DateTime local, TimeZoneInfo zone)
    {
        var probe = new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Unspecified);
        for (var minutes = 0; minutes < MaxGapMinutes && zone.IsInvalidTime(probe); minutes++)
            probe = probe.AddMinutes(1);
        return probe;
    }
}
