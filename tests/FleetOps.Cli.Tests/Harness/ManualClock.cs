namespace FleetOps.Cli.Tests.Harness;

/// <summary>
/// Wall-clock time that moves only when a test says so, shared by the in-process hub and the CLI, so that
/// ages ("4m", "last seen 12s ago") come out the same on every run. Timers and timestamps stay real
/// (the base class's), so nothing that waits or times out depends on this clock standing still.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref ticks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref ticks, value.UtcTicks);
    }

    public override DateTimeOffset GetUtcNow() => Now;
}
