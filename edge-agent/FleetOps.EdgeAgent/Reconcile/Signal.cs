namespace FleetOps.EdgeAgent.Reconcile;

/// <summary>An auto-reset wake-up that a loop awaits with a timeout on the injected clock (no thread, no timer when idle beyond one).</summary>
public sealed class Signal
{
    private readonly Lock gate = new();
    private TaskCompletionSource pending = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set()
    {
        lock (gate)
            pending.TrySetResult();
    }

    /// <summary>Forgets a wake-up that arrived before the work it asked for began.</summary>
    public void Reset()
    {
        lock (gate)
        {
            if (pending.Task.IsCompleted)
                pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Returns true when woken, false when the timeout passed first.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task woken;
        lock (gate)
            woken = pending.Task;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = timeout == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite, cts.Token) : Task.Delay(timeout, time, cts.Token);
        var first = await Task.WhenAny(woken, delay).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (first != woken)
            return false;
        lock (gate)
        {
            if (pending.Task.IsCompleted)
                pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        return true;
    }
}
