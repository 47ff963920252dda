using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Link;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.Reconcile;

/// <summary>
/// Runs one group independently of the others: at once when its target changes, then every interval
/// from the local cache, connected or not; sooner, with backoff, after a failure. A new target cancels
/// a run in progress (a long health wait must not delay the next revision).
/// </summary>
public sealed class GroupWorker(
    string name,
    GroupReconciler reconciler,
    GroupRemover remover,
    RetryOptions retry,
    TimeProvider time,
    ILogger logger)
{
    private readonly Lock gate = new();
    private readonly Signal wake = new();
    private GroupTarget? target;
    private bool remove;
    private CancellationTokenSource? current;

    public string Name { get; } = name;

    /// <summary>Sets the target (or, with null, asks for the group to be pruned and forgotten) and wakes the loop.</summary>
    public void Update(GroupTarget? next)
    {
        lock (gate)
        {
            var changed = next?.Group != target?.Group || remove != (next is null);
            target = next;
            remove = next is null;
            if (changed)
                current?.Cancel();
        }
        wake.Set();
    }

    /// <summary>Runs until cancelled, or until a removal is complete.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            GroupTarget? t;
            bool removing;
            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            lock (gate)
            {
                t = target;
                removing = remove;
                current = run;
                // This run serves every wake-up so far; a later one (a new target) cancels it anyway.
                wake.Reset();
            }
            TimeSpan next;
            try
            {
                if (removing)
                {
                    if (await remover.RemoveAsync(Name, run.Token).ConfigureAwait(false))
                        return;
                    next = Backoff.Delay(++failures, retry.MinRetryDelay, retry.MaxRetryDelay);
                }
                else if (t is not null)
                {
                    var status = await reconciler.ReconcileGroupAsync(t, run.Token).ConfigureAwait(false);
                    failures = status.Phase == Phase.Failed ? failures + 1 : 0;
                    next = failures > 0
                        ? Min(Backoff.Delay(failures, retry.MinRetryDelay, retry.MaxRetryDelay), t.Interval)
                        : t.Interval;
                }
                else
                {
                    next = Timeout.InfiniteTimeSpan;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A new target cancelled this run: start over with it at once.
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // An unexpected error must not end the group's loop; it is retried like a failure.
                logger.LogError(e, "Reconcile of {Group} failed unexpectedly", Name);
                next = Backoff.Delay(++failures, retry.MinRetryDelay, retry.MaxRetryDelay);
            }
            try
            {
                await wake.WaitAsync(next, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
