using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Polling;
using NSubstitute;

namespace FleetOps.EdgeAgent.Tests.Reconcile;

/// <summary>One worker per group, kept only while it has work: reconciling, or removing until pruned.</summary>
public sealed class AgentSupervisorTests : IDisposable
{
    private static readonly string RevA = ReconcileRig.RevA;
    private static readonly string RevB = ReconcileRig.RevB;

    private readonly ReconcileRig rig = new();

    private Task ConvergedAsync(string group, string revision) =>
        Eventually.TrueAsync(
            () => rig.Board.Get(group) is { Phase: Phase.Converged } s && s.AppliedRevision == revision,
            $"{group} converges at {Revisions.Short(revision)}");

    [Fact]
    public async Task AGroupReAddedWhileItsRemovalIsFinishingIsReconciledAtTheNewTarget()
    {
        var deleteStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deleteDone = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Resources.GetAsync(Arg.Any<ObjectRef>(), Arg.Any<CancellationToken>()).Returns(ReconcileRig.Owned("pos"));
        // The last delete is already on the wire when the group comes back: it completes whatever the token says.
        rig.Resources.DeleteAsync(Arg.Any<ObjectRef>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            deleteStarted.TrySetResult();
            return deleteDone.Task;
        });
        var supervisor = rig.Supervisor();
        supervisor.Start();
        supervisor.OnDesired(rig.Desired(1, ("pos", RevA)));
        await ConvergedAsync("pos", RevA);

        supervisor.OnDesired(rig.Desired(2));
        await deleteStarted.Task.WaitAsync(Eventually.DefaultTimeout);
        supervisor.OnDesired(rig.Desired(3, ("pos", RevB)));
        deleteDone.SetResult(true);

        await ConvergedAsync("pos", RevB);
        Assert.Equal(RevB, rig.Store.LoadGroup("pos")!.AppliedRevision);
        await supervisor.StopAsync();
    }

    [Fact]
    public async Task AGroupWhoseRemovalIsCompleteLosesItsWorkerAndLaterDesiredStatesStartNoRemovalForIt()
    {
        rig.Resources.GetAsync(Arg.Any<ObjectRef>(), Arg.Any<CancellationToken>()).Returns(ReconcileRig.Owned("extra"));
        rig.Resources.DeleteAsync(Arg.Any<ObjectRef>(), Arg.Any<CancellationToken>()).Returns(true);
        var supervisor = rig.Supervisor();
        supervisor.Start();
        supervisor.OnDesired(rig.Desired(1, ("pos", RevA), ("extra", RevA)));
        await ConvergedAsync("pos", RevA);
        await ConvergedAsync("extra", RevA);

        supervisor.OnDesired(rig.Desired(2, ("pos", RevA)));
        await Eventually.TrueAsync(
            () => rig.Store.LoadGroup("extra") is null && !supervisor.Groups.Contains("extra"),
            "extra is pruned and forgotten, and its worker dropped");

        for (var generation = 3; generation <= 6; generation++)
            supervisor.OnDesired(rig.Desired(generation, ("pos", RevA)));

        Assert.Equal(["pos"], supervisor.Groups);
        await supervisor.StopAsync();
    }

    [Fact]
    public async Task NewLabelsFromTheHubAtTheSameRevisionRenderAgainAndApplyAsARelease()
    {
        var supervisor = rig.Supervisor();
        supervisor.Start();
        supervisor.OnDesired(rig.Desired(1, ("pos", RevA)) with { Labels = new Dictionary<string, string> { ["kitchen"] = "grill" } });
        await ConvergedAsync("pos", RevA);
        var writesBefore = rig.Journal.Count(e => e.Kind == JournalEventKinds.Applied);

        supervisor.OnDesired(rig.Desired(2, ("pos", RevA)) with { Labels = new Dictionary<string, string> { ["kitchen"] = "fryer" } });

        await Eventually.TrueAsync(() => rig.Journal.Count(e => e.Kind == JournalEventKinds.Applied) > writesBefore, "the new labels are applied");
        await rig.Renderer.Received(1).RenderAsync(Arg.Any<string>(), "apps/pos",
            Arg.Is<IReadOnlyDictionary<string, string>?>(l => l != null && l["kitchen"] == "fryer"), Arg.Any<CancellationToken>());
        Assert.DoesNotContain(rig.Journal, e => e.Kind == JournalEventKinds.DriftCorrected);
        Assert.Equal("kitchen=fryer", rig.Store.LoadGroup("pos")!.AppliedLabels);
        await supervisor.StopAsync();
    }

    public void Dispose() => rig.Dispose();
}
