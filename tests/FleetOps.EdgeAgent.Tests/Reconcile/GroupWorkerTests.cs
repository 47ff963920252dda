using System.Collections.Concurrent;
using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Polling;
using Microsoft.Extensions.Logging;
using NSubstitute;

namespace FleetOps.EdgeAgent.Tests.Reconcile;

/// <summary>One group's loop: what ends a run, what restarts it, and what a failure costs.</summary>
public sealed class GroupWorkerTests : IDisposable
{
    private readonly ReconcileRig rig = new();
    private readonly CancellationTokenSource stop = new();

    [Fact]
    public async Task ACancellationThatIsNeitherStopNorANewTargetFailsTheGroupAndIsRetriedAfterTheBackoff()
    {
        var attempts = new ConcurrentQueue<DateTimeOffset>();
        rig.Resources.ApplyAsync(Arg.Any<ApplyRequest>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            attempts.Enqueue(rig.Time.GetUtcNow());
            // A library's own timeout: cancelled, but not through any token of the agent's.
            return Task.FromCanceled<ApplyResult>(new CancellationToken(canceled: true));
        });
        var worker = rig.Worker();
        worker.Update(ReconcileRig.Target(ReconcileRig.RevA));
        var loop = Task.Run(() => worker.RunAsync(stop.Token));

        // The fake clock stands still: a restart "at once" would attempt again without it moving.
        await Eventually.TrueAsync(
            () => rig.Board.Get("pos")?.Phase == Phase.Failed && rig.Logs.Lines.Any(l => l.Level == LogLevel.Error),
            "the run is reported as failed");

        var status = rig.Board.Get("pos")!;
        Assert.Equal(Reasons.ApplyFailed, status.Reason);
        Assert.Contains("cancelled by neither a new target nor a stop", status.Message);
        Assert.Single(rig.Journal, e => e.Kind == JournalEventKinds.Failed && e.Group == "pos");
        Assert.Contains(rig.Logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("pos") && l.Message.Contains("retrying with backoff"));

        await Eventually.TrueAsync(() => attempts.Count >= 2, "the group is retried once the backoff has passed", advance: rig.Time);
        var times = attempts.ToArray();
        Assert.True(times[1] - times[0] >= rig.Options.Retry.MinRetryDelay / 2, $"retried {times[1] - times[0]} after the failure");
        Assert.Single(rig.Journal, e => e.Kind == JournalEventKinds.Failed && e.Group == "pos");

        await stop.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task UpdatingAWorkerWhoseLoopHasEndedDoesNotThrow()
    {
        var worker = rig.Worker();
        worker.Update(ReconcileRig.Target(ReconcileRig.RevA));
        var loop = Task.Run(() => worker.RunAsync(stop.Token));
        await Eventually.TrueAsync(() => rig.Board.Get("pos")?.Phase == Phase.Converged, "the group converges");
        await stop.CancelAsync();
        await loop;

        // The supervisor may still hand an update to a worker that has just ended.
        var error = Record.Exception(() => worker.Update(ReconcileRig.Target(ReconcileRig.RevB)));

        Assert.Null(error);
    }

    public void Dispose()
    {
        stop.Dispose();
        rig.Dispose();
    }
}
