namespace FleetOps.Cli.Tests.Harness;

/// <summary>
/// Wall-clock time that moves only when a test says so, shared by the in-process hub and the CLI, so that
/// ages ("4m", "last seen 12s ago") come out the same on every run. Timers stay real (the base class's),
/// and so do timestamps unless <paramref name="stopwatchStands"/>: then elapsed time is always zero too,
/// for a CLI whose "gave up after 0s" must read the same however slow the machine.
/// </summary>
public sealed class ManualClock(DateTimeOffset start, bool stopwatchStands = false) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref ticks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref ticks, value.UtcTicks);
    }

    public override DateTimeOffset GetUtcNow() => Now;

    public override long GetTimestamp() => stopwatchStands ? 0 : base.GetTimestamp();
}
