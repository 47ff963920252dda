using System.Text.Json.Nodes;
using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Health;
using FleetOps.EdgeAgent.Reconcile;
using FleetOps.EdgeAgent.Render;
using FleetOps.EdgeAgent.Source;
using FleetOps.EdgeAgent.State;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Signing;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Polling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace FleetOps.EdgeAgent.Tests.Reconcile;

/// <summary>The reconcile script against substitutes for git, renderer and API server.</summary>
public sealed class GroupReconcilerTests : IDisposable
{
    private static readonly string RevA = new('a', 40);
    private static readonly string RevB = new('b', 40);

    private readonly TempDir dir = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly IGitCache git = Substitute.For<IGitCache>();
    private readonly ICommitVerifier verifier = Substitute.For<ICommitVerifier>();
    private readonly IManifestRenderer renderer = Substitute.For<IManifestRenderer>();
    private readonly IResourceManager resources = Substitute.For<IResourceManager>();
    private readonly LiteAgentStore store;
    private readonly StatusBoard board;
    private readonly GroupReconciler reconciler;
    private readonly AgentOptions options;

    public GroupReconcilerTests()
    {
        options = AgentOptions.Default with { ClusterId = "store-1", DataDir = dir.Path, HealthTimeout = TimeSpan.FromMinutes(5), Source = new SourceRef("file:///fleet", "main") };
        store = new LiteAgentStore(dir.Path, "store-1", 1000, time);
        board = new StatusBoard(store);
        git.Has(Arg.Any<string>()).Returns(true);
        git.MaterializeAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            var root = Path.Combine(dir.Path, "tree-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(root, "apps/pos"));
            return new MaterializedTree(root, RevA);
        });
        renderer.RenderAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<IReadOnlyDictionary<string, string>?>(), Arg.Any<CancellationToken>()).Returns(_ => Manifests("api"));
        resources.ApplyAsync(Arg.Any<ApplyRequest>(), Arg.Any<CancellationToken>()).Returns(c => Applied(c.Arg<ApplyRequest>(), ChangeAction.Created));
        var pruner = new Pruner(resources, NullLogger<Pruner>.Instance);
        reconciler = new GroupReconciler(options, store, git, new RevisionVerifier(git, verifier), new RenderCache(git, renderer, "store-1"), resources, pruner,
            new HealthChecker(resources, RetryOptions.Default, time), board, time, NullLogger<GroupReconciler>.Instance);
    }

    private static IReadOnlyList<JsonObject> Manifests(params string[] names) => ReconcileRig.ConfigMaps(names);

    private static ApplyResult Applied(ApplyRequest request, ChangeAction action) => ReconcileRig.Applied(request, action);

    private static GroupTarget Target(string revision) =>
        new(new DesiredGroup("pos", "apps/pos", revision, "d"), 1, TimeSpan.FromMinutes(5));

    private IReadOnlyList<JournalEvent> Journal => store.ReadJournal(0, 1000);

    [Fact]
    public async Task ANewRevisionIsAppliedToConvergedAndJournaled()
    {
        var status = await reconciler.ReconcileGroupAsync(Target(RevA), CancellationToken.None);

        Assert.Equal(Phase.Converged, status.Phase);
        Assert.Equal(Reasons.ReconciliationSucceeded, status.Reason);
        Assert.Equal(RevA, status.AppliedRevision);
        Assert.Contains(Journal, e => e.Kind == JournalEventKinds.Applied && e.Revision == RevA && e.Detail!.Contains("ConfigMap/pos/api created"));
        Assert.Contains(Journal, e => e.Kind == JournalEventKinds.Converged);
        await resources.Received(1).ApplyAsync(Arg.Is<ApplyRequest>(r => r.Objects.Single().Body["metadata"]!["labels"]!["fleetops.io/group"]!.GetValue<string>() == "pos"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task APeriodicRunDoesNotRenderOrMaterializeAgain()
    {
        await reconciler.ReconcileGroupAsync(Target(RevA), CancellationToken.None);
        await reconciler.ReconcileGroupAsync(Target(RevA), CancellationToken.None);

        await renderer.Received(1).RenderAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<IReadOnlyDictionary<string, string>?>(), Arg.Any<CancellationToken>());
        await git.Received(1).MaterializeAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
        await resources.Received(2).ApplyAsync(Arg.Any<ApplyRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task WritesAtTheSameRevisionAreJournaledAsDriftCorrected()
    {
        await reconciler.ReconcileGroupAsync(Target(RevA), CancellationToken.None);
        resources.ApplyAsync(Arg.Any<ApplyRequest>(), Arg.Any<CancellationToken>()).Returns(c => Applied(c.Arg<ApplyRequest>(), ChangeAction.Configured));

        await reconciler.ReconcileGroupAsync(Target(RevA), CancellationToken.None);

        var drift = Assert.Single(Journal, e => e.Kind == JournalEventKinds.DriftCorrected);
        Assert.Equal("ConfigMap/pos/api configured", drift.Detail);
    }

    [Fact]
    public async Task AnUnreachableSourceKeepsTheLastAppliedRevisionEnforced()
    {
        await reconciler.ReconcileGroupAsync(Target(RevA), CancellationToken.None);
        git.EnsureAsync(Arg.Any<SourceRef>(), RevB, Arg.Any<CancellationToken>()).ThrowsAsync(new SourceUnavailableException("cannot fetch from file:///fleet: gone"));

        var status = await reconciler.ReconcileGroupAsync(Target(RevB), CancellationToken.None);

        Assert.Equal(Phase.Failed, status.Phase);
        Assert.Equal(Reasons.SourceUnavailable, status.Reason);
        Assert.Equal(RevA, status.AppliedRevision);
        Assert.Equal(RevB, status.DesiredRevision);
        await resources.Received(2).ApplyAsync(Arg.Any<ApplyRequest>(), Arg.Any<CancellationToken>());
        Assert.Contains(Journal, e => e.Kind == JournalEventKinds.SourceUnavailable);
    }

    [Fact]
    public async Task AnUntrustedTargetIsFailedBeforeRenderingAndTheTrustedAppliedRevisionKeepsBeingEnforced()
    {
        Trust(RevA, SignatureVerdict.Trusted("signer-0@fleetops.invalid (SSH key SHA256:trusted)"));
        Trust(RevB, SignatureVerdict.Untrusted("SSH key SHA256:stranger", "which is not in the allowed signers file"));
        await reconciler.ReconcileGroupAsync(Target(RevA), CancellationToken.None);

        var status = await reconciler.ReconcileGroupAsync(Target(RevB), CancellationToken.None);

        Assert.Equal((Phase.Failed, Reasons.UntrustedRevision, RevA), (status.Phase, status.Reason, status.AppliedRevision));
        Assert.StartsWith("revision bbbbbbb is signed by SSH key SHA256:stranger, which is not in the allowed signers file", status.Message);
        var refused = Assert.Single(Journal, e => e.Kind == JournalEventKinds.UntrustedRevision);
        Assert.Equal(RevB, refused.Revision);
        Assert.Contains("SSH key SHA256:stranger", refused.Detail);
        await git.DidNotReceive().MaterializeAsync(RevB, Arg.Any<CancellationToken>());
        await resources.Received(2).ApplyAsync(Arg.Any<ApplyRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AnUntrustedRevisionWithNothingTrustedToHoldAppliesNothing()
    {
        Trust(RevA, SignatureVerdict.Unsigned);

        var status = await reconciler.ReconcileGroupAsync(Target(RevA), CancellationToken.None);

        Assert.Equal((Phase.Failed, Reasons.UntrustedRevision, null), (status.Phase, status.Reason, status.AppliedRevision));
        Assert.StartsWith("revision aaaaaaa is not signed", status.Message);
        await resources.DidNotReceive().ApplyAsync(Arg.Any<ApplyRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ATrustedRevisionIsCheckedOnceButARefusedOneAgainAtEveryRetrySoANewKeyNeedsNoRestart()
    {
        Trust(RevA, SignatureVerdict.Trusted("k"));
        Trust(RevB, SignatureVerdict.Untrusted("SSH key SHA256:newcomer", "which is not in the allowed signers file"));

        await reconciler.ReconcileGroupAsync(Target(RevA), CancellationToken.None);
        await reconciler.ReconcileGroupAsync(Target(RevA), CancellationToken.None);
        await reconciler.ReconcileGroupAsync(Target(RevB), CancellationToken.None);
        await reconciler.ReconcileGroupAsync(Target(RevB), CancellationToken.None);

        await verifier.Received(1).VerifyAsync(Arg.Is<CommitSignature?>(s => s!.Armored == RevA), Arg.Any<CancellationToken>());
        await verifier.Received(2).VerifyAsync(Arg.Is<CommitSignature?>(s => s!.Armored == RevB), Arg.Any<CancellationToken>());
    }

    /// <summary>Turns verification on and gives the revision a signature with this verdict.</summary>
    private void Trust(string revision, SignatureVerdict verdict)
    {
        verifier.Enabled.Returns(true);
        git.ReadSignature(revision).Returns(new CommitSignature(revision, []));
        verifier.VerifyAsync(Arg.Is<CommitSignature?>(s => s != null && s.Armored == revision), Arg.Any<CancellationToken>()).Returns(verdict);
    }

    [Fact]
    public async Task RetriesOfTheSameFailureNeitherFlapTheStatusNorRepeatTheJournal()
    {
        git.EnsureAsync(Arg.Any<SourceRef>(), RevA, Arg.Any<CancellationToken>()).ThrowsAsync(new SourceUnavailableException("cannot fetch"));

        await reconciler.ReconcileGroupAsync(Target(RevA), CancellationToken.None);
        await reconciler.ReconcileGroupAsync(Target(RevA), CancellationToken.None);
        var status = await reconciler.ReconcileGroupAsync(Target(RevA), CancellationToken.None);

        Assert.Equal(Reasons.SourceUnavailable, status.Reason);
        Assert.Single(Journal, e => e.Kind == JournalEventKinds.SourceUnavailable);
    }

    [Fact]
    public async Task ARenderErrorIsRenderFailedWithTheRenderersMessage()
    {
        renderer.RenderAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<IReadOnlyDictionary<string, string>?>(), Arg.Any<CancellationToken>()).ThrowsAsync(new RenderException("kustomize: accumulating resources: missing.yaml"));

        var status = await reconciler.ReconcileGroupAsync(Target(RevA), CancellationToken.None);

        Assert.Equal(Phase.Failed, status.Phase);
        Assert.Equal(Reasons.RenderFailed, status.Reason);
        Assert.Contains("missing.yaml", status.Message);
    }

    [Fact]
    public async Task AnApplyFailureIsFailedApplyFailedAndLeavesTheInventory()
    {
        await reconciler.ReconcileGroupAsync(Target(RevA), CancellationToken.None);
        resources.ApplyAsync(Arg.Any<ApplyRequest>(), Arg.Any<CancellationToken>())
            .Returns(ApplyResult.Fail(Reasons.ApplyFailed, "dry run failed, nothing applied: ConfigMap/pos/bad: invalid"));

        var status = await reconciler.ReconcileGroupAsync(Target(RevB), CancellationToken.None);

        Assert.Equal(Phase.Failed, status.Phase);
        Assert.Equal(Reasons.ApplyFailed, status.Reason);
        Assert.Contains("ConfigMap/pos/bad", status.Message);
        Assert.Equal(RevA, status.AppliedRevision);
        Assert.Single(store.LoadGroup("pos")!.Inventory);
    }

    [Fact]
    public async Task ObjectsStillUnhealthyAfterTheTimeoutGiveDegradedNamingThem()
    {
        renderer.RenderAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<IReadOnlyDictionary<string, string>?>(), Arg.Any<CancellationToken>()).Returns(_ => new List<JsonObject>
        {
            JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","namespace":"pos"},"spec":{"replicas":1}}""")!.AsObject(),
        });
        resources.GetAsync(Arg.Any<ObjectRef>(), Arg.Any<CancellationToken>())
            .Returns(JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","generation":1},"spec":{"replicas":1},"status":{"observedGeneration":1,"replicas":1,"updatedReplicas":1,"availableReplicas":0}}""")!.AsObject());

        var run = reconciler.ReconcileGroupAsync(Target(RevA), CancellationToken.None);
        await Eventually.UntilAsync(() => run.IsCompleted, "the health wait times out", advance: time, step: TimeSpan.FromSeconds(20));
        var status = await run;

        Assert.Equal(Phase.Degraded, status.Phase);
        Assert.Equal(Reasons.HealthCheckFailed, status.Reason);
        var unhealthy = Assert.Single(status.Unhealthy);
        Assert.Equal("Deployment/pos/api", unhealthy.Subject);
        Assert.Equal("0 of 1 replicas available", unhealthy.Message);
        Assert.Equal(new ResourceCounts(1, 0), status.Resources);
    }

    [Fact]
    public async Task StaleObjectsArePrunedAndLeaveTheInventory()
    {
        renderer.RenderAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<IReadOnlyDictionary<string, string>?>(), Arg.Any<CancellationToken>()).Returns(_ => Manifests("api", "old"), _ => Manifests("api"));
        await reconciler.ReconcileGroupAsync(Target(RevA), CancellationToken.None);
        resources.GetAsync(Arg.Any<ObjectRef>(), Arg.Any<CancellationToken>())
            .Returns(JsonNode.Parse("""{"metadata":{"labels":{"fleetops.io/group":"pos"}}}""")!.AsObject());
        resources.DeleteAsync(Arg.Any<ObjectRef>(), Arg.Any<CancellationToken>()).Returns(true);

        var status = await reconciler.ReconcileGroupAsync(Target(RevB), CancellationToken.None);

        Assert.Equal(Phase.Converged, status.Phase);
        await resources.Received(1).DeleteAsync(new ObjectRef("v1", "ConfigMap", "pos", "old"), Arg.Any<CancellationToken>());
        Assert.Equal(["api"], store.LoadGroup("pos")!.Inventory.Select(i => i.Ref.Name));
        Assert.Contains(Journal, e => e.Kind == JournalEventKinds.Pruned && e.Detail == "ConfigMap/pos/old deleted");
    }

    public void Dispose()
    {
        store.Dispose();
        dir.Dispose();
    }
}
