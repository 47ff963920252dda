using System.Text.Json.Nodes;
using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Polling;
using NSubstitute;

namespace FleetOps.EdgeAgent.Tests.Reconcile;

/// <summary>
/// A health timeout that expired at a revision is not waited out again by every periodic run that
/// changed nothing; a run that wrote something waits again.
/// </summary>
public sealed class DegradedGroupTests : IDisposable
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromMinutes(5);

    private static readonly JsonObject Manifest = JsonNode.Parse("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","namespace":"pos"},"spec":{"replicas":1}}
        """)!.AsObject();

    private readonly ReconcileRig rig = new(HealthTimeout);

    public DegradedGroupTests()
    {
        rig.Renderer.RenderAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<IReadOnlyDictionary<string, string>?>(), Arg.Any<CancellationToken>()).Returns(_ => new List<JsonObject> { Manifest.DeepClone().AsObject() });
        ApplyGives(ChangeAction.Created, available: 0);
        rig.Resources.GetAsync(Arg.Any<ObjectRef>(), Arg.Any<CancellationToken>()).Returns(_ => Live(available: 0));
    }

    private static JsonObject Live(int available) => JsonNode.Parse($$$"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","namespace":"pos","generation":1},"spec":{"replicas":1},
         "status":{"observedGeneration":1,"replicas":1,"updatedReplicas":1,"availableReplicas":{{{available}}}}}
        """)!.AsObject();

    // What the apply step reports: the action for the Deployment, and the live object as the API server returned it.
    private void ApplyGives(ChangeAction action, int available) =>
        rig.Resources.ApplyAsync(Arg.Any<ApplyRequest>(), Arg.Any<CancellationToken>()).Returns(c =>
        {
            var o = c.Arg<ApplyRequest>().Objects.Single();
            var changes = new ChangeSet();
            changes.Add(o.Ref, action);
            return new ApplyResult(changes, new Dictionary<ObjectRef, JsonObject> { [o.Ref] = Live(available) });
        });

    private async Task<GroupStatus> DegradedAtRevAAsync()
    {
        var first = rig.Reconciler.ReconcileGroupAsync(ReconcileRig.Target(ReconcileRig.RevA), CancellationToken.None);
        await Eventually.TrueAsync(() => first.IsCompleted, "the first health wait times out", advance: rig.Time, step: TimeSpan.FromSeconds(20));
        var status = await first;
        Assert.Equal(Phase.Degraded, status.Phase);
        return status;
    }

    [Fact]
    public async Task APeriodicRunThatAppliedNothingToADegradedGroupReportsDegradedWithoutWaitingOutTheTimeoutAgain()
    {
        var degraded = await DegradedAtRevAAsync();
        ApplyGives(ChangeAction.Unchanged, available: 0);
        var before = rig.Time.GetUtcNow();

        // The fake clock stands still: only a run that does not wait can complete.
        var periodic = rig.Reconciler.ReconcileGroupAsync(ReconcileRig.Target(ReconcileRig.RevA), CancellationToken.None);
        await Eventually.TrueAsync(() => periodic.IsCompleted, "the periodic run returns at once");
        var status = await periodic;

        Assert.Equal(before, rig.Time.GetUtcNow());
        Assert.Equal(Phase.Degraded, status.Phase);
        Assert.Equal(Reasons.HealthCheckFailed, status.Reason);
        Assert.Equal(degraded.Message, status.Message);
        Assert.Equal("Deployment/pos/api", Assert.Single(status.Unhealthy).Subject);
        Assert.Single(rig.Journal, e => e.Kind == JournalEventKinds.Degraded);
    }

    [Fact]
    public async Task APeriodicRunThatAppliedNothingToADegradedGroupWhoseObjectsBecameHealthyConvergesAtOnce()
    {
        await DegradedAtRevAAsync();
        ApplyGives(ChangeAction.Unchanged, available: 1);

        var periodic = rig.Reconciler.ReconcileGroupAsync(ReconcileRig.Target(ReconcileRig.RevA), CancellationToken.None);
        await Eventually.TrueAsync(() => periodic.IsCompleted, "the periodic run returns at once");

        Assert.Equal(Phase.Converged, (await periodic).Phase);
    }

    [Fact]
    public async Task APeriodicRunThatCorrectedDriftInADegradedGroupWaitsForHealthAgain()
    {
        await DegradedAtRevAAsync();
        ApplyGives(ChangeAction.Configured, available: 0);
        var before = rig.Time.GetUtcNow();

        var periodic = rig.Reconciler.ReconcileGroupAsync(ReconcileRig.Target(ReconcileRig.RevA), CancellationToken.None);
        await Eventually.TrueAsync(() => periodic.IsCompleted, "the health wait times out again", advance: rig.Time, step: TimeSpan.FromSeconds(20));

        Assert.Equal(Phase.Degraded, (await periodic).Phase);
        Assert.True(rig.Time.GetUtcNow() - before >= HealthTimeout, $"the run returned after {rig.Time.GetUtcNow() - before}, before the health timeout");
    }

    public void Dispose() => rig.Dispose();
}
