namespace FleetOps.Testing.Time;

/// <summary>
/// Real time read off by <see cref="Offset"/>: <see cref="GetUtcNow"/> is the system clock plus the offset,
/// while timers, delays and timestamps stay real. For a store in a real-time scenario whose wall clock reads
/// another hour (store hours, time zones): a <c>FakeTimeProvider</c> would stop its timers, and with them
/// its MQTT keep-alives and reconcile loop. The offset may change while the store runs, as a clock set by
/// hand or by NTP would; what was scheduled stays scheduled in real time.
/// </summary>
public sealed class SkewedTimeProvider(TimeSpan offset = default) : TimeProvider
{
    private long offsetTicks = offset.Ticks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
        set => Interlocked.Exchange(ref offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + Offset;

    /// <summary>Sets the offset so that this clock reads <paramref name="now"/> at this instant.</summary>
    public void SetNow(DateTimeOffset now) => Offset = now - TimeProvider.System.GetUtcNow();

    /// <summary>Sets the clock to read <paramref name="wallTime"/> today (in this clock's current date there) in <paramref name="zone"/>.</summary>
    public void SetWallClock(TimeOnly wallTime, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(GetUtcNow(), zone).DateTime);
        var local = today.ToDateTime(wallTime, DateTimeKind.Unspecified);
        SetNow(new DateTimeOffset(local, zone.GetUtcOffset(local)));
    }
}
