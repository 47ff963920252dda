using System.Runtime.ExceptionServices;

namespace FleetOps.Shared.Files;

/// <summary>
/// Runs a call that waits for the disk (LiteDB's checkpoint: it waits for its log writer, then flushes) with a
/// deadline. LiteDB's log writer that fails a write stops for good without saying it is idle, and a checkpoint after
/// that waits forever; past the deadline the caller gets an IOException, as from a failed write, and the stuck call
/// is left to its thread. While it is still stuck, later calls fail at once rather than strand more threads.
/// </summary>
public sealed class DiskBarrier(TimeSpan limit)
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    private Task? stuck;

    public DiskBarrier()
        : this(DefaultLimit)
    {
    }

    /// <param name="what">What the disk was to take, for the error: "the journal", say.</param>
    public void Run(Action call, string what)
    {
        if (stuck is { IsCompleted: false })
            throw new IOException($"the disk has not taken an earlier write for over {limit.TotalSeconds:0.#} s; {what} is not on it");
        var run = Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            if (run.Wait(limit))
                return;
        }
        catch (AggregateException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
        }
        stuck = run;
        throw new IOException($"the disk did not take {what} within {limit.TotalSeconds:0.#} s");
    }
}
