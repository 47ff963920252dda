namespace FleetOps.Hub.Grains;

/// <summary>
/// How a grain gets back to where it should be after a call or a publish failed, like a controller
/// requeueing with backoff: one timer, armed while something is owed (1 s, doubling up to a minute),
/// which runs the grain's catch-up work; the work calls <see cref="Owe"/> again if it still fails.
/// Nothing is dropped silently: a store converges without waiting for a new commit or hello.
/// </summary>
internal sealed class CatchUp(IGrainBase grain, Func<CancellationToken, Task> work)
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    private IGrainTimer? timer;
    private TimeSpan delay = First;
    private bool armed;

    /// <summary>Whether catch-up work is scheduled.</summary>
    public bool IsOwed => armed;

    /// <summary>Something failed: run the catch-up work after the next backoff step (once, however often it is called meanwhile).</summary>
    public void Owe()
    {
        if (armed)
            return;
        armed = true;
        // Kept alive while owed, so an idle activation is not collected with a publish or report outstanding.
        timer ??= grain.RegisterGrainTimer(RunAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        timer.Change(delay, Timeout.InfiniteTimeSpan);
        delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Longest.Ticks));
    }

    /// <summary>What was owed went through: the next failure starts the backoff from the beginning.</summary>
    public void Paid() => delay = First;

    private Task RunAsync(CancellationToken cancellationToken)
    {
        armed = false;
        return work(cancellationToken);
    }
}
