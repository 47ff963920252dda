using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Reconcile;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Polling;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace FleetOps.EdgeAgent.Tests.Reconcile;

/// <summary>
/// Store hours, on the store's own clock: outside its window a new revision waits while the running one is
/// still enforced; when the window opens it is applied, with nobody telling the store to.
/// </summary>
public sealed class StoreHoursTests : IDisposable
{
    // A Wednesday, 01:00 in New York: an hour before the 02:00-05:00 window.
    private static readonly DateTimeOffset BeforeWindow = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);
    private static readonly DesiredWindow Window = new(["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "02:00", "05:00", "America/New_York");

    private readonly ReconcileRig rig = new();

    public StoreHoursTests() => rig.Time.SetUtcNow(BeforeWindow);

    [Fact]
    public async Task OutsideItsWindowANewRevisionWaitsAndTheRunningOneIsStillEnforced()
    {
        await rig.Reconciler.ReconcileGroupAsync(ReconcileRig.Target(ReconcileRig.RevA), CancellationToken.None);
        rig.Resources.ClearReceivedCalls();

        var status = await rig.Reconciler.ReconcileGroupAsync(Windowed(ReconcileRig.RevB), CancellationToken.None);

        Assert.Equal((Phase.Pending, Reasons.OutsideWindow), (status.Phase, status.Reason));
        Assert.Equal((ReconcileRig.RevB, ReconcileRig.RevA), (status.DesiredRevision, status.AppliedRevision));
        Assert.Contains("applies bbbbbbb at 2026-12-02 02:00 -05:00", status.Message);
        // The revision it runs was checked against the cluster (drift correction), at that revision.
        await rig.Resources.Received().ApplyAsync(Arg.Any<ApplyRequest>(), Arg.Any<CancellationToken>());
        await rig.Git.Received().EnsureAsync(Arg.Any<SourceRef>(), ReconcileRig.RevB, Arg.Any<CancellationToken>());
        Assert.Equal(ReconcileRig.RevA, rig.Store.LoadGroup("pos")!.AppliedRevision);
        Assert.Single(rig.Journal, e => e.Kind == JournalEventKinds.OutsideWindow && e.Revision == ReconcileRig.RevB);
    }

    [Fact]
    public async Task AStoreWithNothingRunningWaitsForItsWindowBeforeItsFirstApply()
    {
        var status = await rig.Reconciler.ReconcileGroupAsync(Windowed(ReconcileRig.RevA), CancellationToken.None);

        Assert.Equal((Phase.Pending, Reasons.OutsideWindow, (string?)null), (status.Phase, status.Reason, status.AppliedRevision));
        await rig.Resources.DidNotReceive().ApplyAsync(Arg.Any<ApplyRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task TheWorkerAppliesTheNewRevisionWhenTheWindowOpensWithoutBeingToldTo()
    {
        await rig.Reconciler.ReconcileGroupAsync(ReconcileRig.Target(ReconcileRig.RevA), CancellationToken.None);
        var worker = rig.Worker();
        using var stop = new CancellationTokenSource();
        worker.Update(Windowed(ReconcileRig.RevB));
        var loop = worker.RunAsync(stop.Token);
        await Eventually.UntilAsync(() => Task.FromResult(rig.Board.Get("pos")?.Reason == Reasons.OutsideWindow), "the group waits for its window");

        // Fifty-nine minutes later the window is still shut; at 02:00 store time the worker wakes by itself.
        rig.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(ReconcileRig.RevA, rig.Store.LoadGroup("pos")!.AppliedRevision);
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        // The revision is stored before the run's status and journal are: wait for the whole run, not its first step.
        // The fake clock keeps moving a minute per look: the worker may have read the time before the jumps above and
        // set its wake-up after them (a race only a clock that jumps an hour at once has), and then wakes an hour late.
        await Eventually.UntilAsync(() => Task.FromResult(
            rig.Store.LoadGroup("pos")!.AppliedRevision == ReconcileRig.RevB
            && rig.Board.Get("pos")?.Phase == Phase.Converged
            && rig.Journal.Any(e => e.Kind == JournalEventKinds.Applied && e.Revision == ReconcileRig.RevB)), () => "applied and reported when the window opened",
            advance: rig.Time, step: TimeSpan.FromMinutes(1));

        Assert.Contains(rig.Journal, e => e.Kind == JournalEventKinds.WindowOpened && e.Revision == ReconcileRig.RevB);
        Assert.Contains(rig.Journal, e => e.Kind == JournalEventKinds.Applied && e.Revision == ReconcileRig.RevB);
        await stop.CancelAsync();
        await loop;
    }

    private static GroupTarget Windowed(string revision)
    {
        var target = ReconcileRig.Target(revision);
        return target with { Group = target.Group with { Window = Window } };
    }

    public void Dispose() => rig.Dispose();
}
