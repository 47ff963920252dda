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
    private bool ended;
    private CancellationTokenSource? current;

    public string Name { get; } = name;

    /// <summary>
    /// Sets the target (or, with null, asks for the group to be pruned and forgotten) and wakes the loop.
    /// False when the loop has ended (its removal is complete, or the agent stopped): the update was not
    /// taken, and the caller needs a new worker for it.
    /// </summary>
    public bool Update(GroupTarget? next)
    {
        lock (gate)
        {
            if (ended)
                return false;
            var changed = next?.Group != target?.Group || next?.LabelsKey != target?.LabelsKey || remove != (next is null);
            target = next;
            remove = next is null;
            if (changed)
                current?.Cancel();
        }
        wake.Set();
        return true;
    }

    /// <summary>Runs until cancelled, or until a removal is complete (and the group was not added back meanwhile).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (gate)
                ended = true;
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            GroupTarget? t;
            bool removing;
            var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
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
                    {
                        // Decided under the lock Update takes, so a target that arrives now is either seen here or refused.
                        lock (gate)
                        {
                            if (remove)
                            {
                                ended = true;
                                return;
                            }
                        }
                        // Added back while the removal finished, too late to cancel it: reconcile the new target at once.
                        failures = 0;
                        continue;
                    }
                    next = RetryDelay(++failures, null);
                }
                else if (t is not null)
                {
                    var status = await reconciler.ReconcileGroupAsync(t, run.Token).ConfigureAwait(false);
                    failures = status.Phase == Phase.Failed ? failures + 1 : 0;
                    next = failures > 0 ? RetryDelay(failures, t) : UntilNextRun(t, status);
                }
                else
                {
                    next = Timeout.InfiniteTimeSpan;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stop (host shutdown).
                return;
            }
            catch (OperationCanceledException) when (run.IsCancellationRequested)
            {
                // Only Update cancels this run: a new target (or a removal) supersedes it; start over at once.
                continue;
            }
            catch (Exception e)
            {
                // Anything else, a cancellation nobody here asked for included (a client timeout that escaped its
                // step), is a failure: reported, journaled and retried with backoff. Never a silent restart.
                next = RetryDelay(++failures, removing ? null : t);
                await ReportUnexpectedAsync(e, removing ? null : t).ConfigureAwait(false);
            }
            finally
            {
                // Update cancels under the same lock, so it never reaches a disposed source.
                lock (gate)
                    current = null;
                run.Dispose();
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

    private async Task ReportUnexpectedAsync(Exception e, GroupTarget? t)
    {
        var what = e is OperationCanceledException ? "was cancelled by neither a new target nor a stop" : "failed unexpectedly";
        if (t is not null)
        {
            try
            {
                await reconciler.ReportFailureAsync(t, $"the run {what}: {e.Message}").ConfigureAwait(false);
            }
            catch (Exception reportError)
            {
                // The store or board may be what failed; the loop must go on whatever happens here.
                logger.LogError(reportError, "Reporting the failure of {Group} failed", Name);
            }
        }
        logger.LogError(e, "Reconcile of {Group} {What}: {Error}; retrying with backoff", Name, what, e.Message);
    }

    /// <summary>The interval, or sooner when the group waits for its store hours: it applies when the window opens, hub or no hub.</summary>
    private TimeSpan UntilNextRun(GroupTarget t, GroupStatus status)
    {
        if (status.Reason != Reasons.OutsideWindow || StoreHoursGate.NextOpening(t, time.GetUtcNow()) is not { } opens)
            return t.Interval;
        var wait = opens - time.GetUtcNow();
        return wait < t.Interval ? (wait > TimeSpan.Zero ? wait : TimeSpan.Zero) : t.Interval;
    }

    // A failing group retries sooner than its interval, never later.
    private TimeSpan RetryDelay(int failures, GroupTarget? t)
    {
        var backoff = Backoff.Delay(failures, retry.MinRetryDelay, retry.MaxRetryDelay);
        return t is not null && t.Interval < backoff ? t.Interval : backoff;
    }
}
