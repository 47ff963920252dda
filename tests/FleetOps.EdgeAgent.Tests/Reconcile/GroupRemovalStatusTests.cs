using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Polling;
using NSubstitute;

namespace FleetOps.EdgeAgent.Tests.Reconcile;

/// <summary>
/// A group that left the desired state stays in the status until its objects are pruned, saying so, so the hub can
/// tell "removed from this store" (gone from the status) from "still here" and "could not be removed" (PruneFailed);
/// and every group's inventory (what it owns, each object's health) is on the board for the hub.
/// </summary>
public sealed class GroupRemovalStatusTests : IDisposable
{
    private static readonly string RevA = ReconcileRig.RevA;

    private readonly ReconcileRig rig = new();

    [Fact]
    public async Task AGroupWhosePruneFailsIsReportedPruneFailedWithWhatItStillOwnsUntilThePruneSucceeds()
    {
        var deletes = 0;
        rig.Resources.GetAsync(Arg.Any<ObjectRef>(), Arg.Any<CancellationToken>()).Returns(ReconcileRig.Owned("extra"));
        rig.Resources.DeleteAsync(Arg.Any<ObjectRef>(), Arg.Any<CancellationToken>()).Returns<Task<bool>>(_ =>
            Interlocked.Increment(ref deletes) == 1 ? throw new KubeApiException("delete refused by a webhook", System.Net.HttpStatusCode.Forbidden) : Task.FromResult(true));
        var supervisor = rig.Supervisor();
        supervisor.Start();
        supervisor.OnDesired(rig.Desired(1, ("pos", RevA), ("extra", RevA)));
        await Eventually.TrueAsync(() => rig.Board.Get("extra") is { Phase: Phase.Converged }, "extra converges");
        Assert.Equal(["ConfigMap/pos/api"], rig.Board.GetInventory("extra")!.Objects.Select(o => o.Subject));
        Assert.Equal(ObjectHealthState.Healthy, rig.Board.GetInventory("extra")!.Objects[0].Health);

        supervisor.OnDesired(rig.Desired(2, ("pos", RevA)));

        await Eventually.TrueAsync(() => rig.Board.Get("extra") is { Phase: Phase.Failed, Reason: Reasons.PruneFailed }, "extra's failed prune is reported");
        var failed = rig.Board.Get("extra")!;
        Assert.Contains("1 objects could not be pruned", failed.Message);
        Assert.Contains("delete refused by a webhook", failed.Message);
        Assert.Null(failed.DesiredRevision);
        Assert.Contains(rig.Board.Inventories(), i => i.Group == "extra" && i.Total == 1);

        // The retry (with backoff, on the fake clock) succeeds: the group leaves the status and the inventories.
        await Eventually.TrueAsync(() => rig.Board.Get("extra") is null, "extra is pruned and leaves the status", advance: rig.Time);
        Assert.DoesNotContain(rig.Board.Inventories(), i => i.Group == "extra");
        Assert.Null(rig.Store.LoadGroup("extra"));
        await supervisor.StopAsync();
    }

    public void Dispose() => rig.Dispose();
}
