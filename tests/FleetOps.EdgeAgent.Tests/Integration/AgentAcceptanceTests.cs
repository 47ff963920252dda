using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using FleetOps.Testing.Polling;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.EdgeAgent.Tests.Integration;

/// <summary>
/// The whole agent against the Kubernetes emulator over HTTP, real git repositories, real LiteDB files
/// and, where the hub matters, a real MQTT broker with a test client standing in for the hub.
/// </summary>
public sealed class AgentAcceptanceTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Overlay = "shop/overlays/store";

    private static string Fixture(string name) => TestData.Read("changes", name);

    [Fact]
    public async Task AKustomizeOverlayConvergesAndAOneFileChangeAppliesOnlyThatObject()
    {
        await using var h = new AgentHarness(emulator.Server);
        var first = h.Repo.CopyFrom("shop", "shop").Commit("shop");
        await h.StartAgentAsync();
        h.SetDesired(h.Desired(1, first));
        await h.WaitConvergedAsync(first);

        var settings = h.Cluster.Get("v1", "ConfigMap", "shop", "settings")!;
        Assert.Equal(h.ClusterId, settings["data"]!["store"]!.GetValue<string>());
        Assert.Equal("shop", settings["metadata"]!["labels"]![Ownership.GroupLabel]!.GetValue<string>());
        Assert.Equal(h.ClusterId, settings["metadata"]!["labels"]![Ownership.ClusterLabel]!.GetValue<string>());

        var second = h.Repo.Write("shop/base/menu.yaml", Fixture("menu-new-price.yaml")).Commit("new price");
        h.SetDesired(h.Desired(2, second));
        await h.WaitConvergedAsync(second);

        var changes = h.LastChangeSet()!;
        Assert.Equal([new ChangeSetEntry("ConfigMap/shop/menu", ChangeAction.Configured)], changes.Entries.Where(e => e.Action != ChangeAction.Unchanged));
        Assert.Equal(4, changes.Count(ChangeAction.Unchanged));
        Assert.Equal("2.75", h.Cluster.Get("v1", "ConfigMap", "shop", "menu")!["data"]!["coffee"]!.GetValue<string>());
    }

    [Fact]
    public async Task DriftWhileTheBrokerIsDownIsRestoredAndTheHubLaterGetsEveryEventInOrder()
    {
        await using var broker = await TestBroker.StartAsync();
        var hub = await TestHub.ConnectAsync(broker);
        await using var h = new AgentHarness(emulator.Server);
        var rev = h.Repo.CopyFrom("shop", "shop").Commit();
        await h.StartAgentAsync(broker.Uri);
        await hub.PublishDesiredAsync(h.Desired(1, rev, intervalSeconds: 60));
        await h.WaitConvergedAsync(rev);

        await hub.DisposeAsync();
        await broker.StopAsync();
        await Eventually.UntilAsync(() => h.Journal.Any(e => e.Kind == JournalEventKinds.Disconnected), "the agent notices the broker is gone", advance: h.Time);

        using (var client = h.Cluster.CreateClient())
        {
            var patch = new V1Patch("""{"data":{"store":"tampered"}}""", V1Patch.PatchType.MergePatch);
            await client.CoreV1.PatchNamespacedConfigMapAsync(patch, "settings", "shop", fieldManager: "kubectl-edit");
        }
        await Eventually.UntilAsync(
            () => h.Journal.Any(e => e.Kind == JournalEventKinds.DriftCorrected),
            "the next interval restores the field and journals it", advance: h.Time, step: TimeSpan.FromSeconds(5));
        Assert.Equal(h.ClusterId, h.Cluster.Get("v1", "ConfigMap", "shop", "settings")!["data"]!["store"]!.GetValue<string>());
        var drift = Assert.Single(h.Journal, e => e.Kind == JournalEventKinds.DriftCorrected);
        Assert.Equal($"ConfigMap/shop/settings configured: data.store tampered → {h.ClusterId}", drift.Detail);
        Assert.Equal(rev, drift.Revision);

        await broker.StartAgainAsync();
        hub = await TestHub.ConnectAsync(broker);
        try
        {
            await Eventually.UntilAsync(() => hub.Journal(h.ClusterId).Any(e => e.Seq == drift.Seq), "the hub receives the drift event", advance: h.Time);
            var stored = h.Journal;
            var received = hub.Journal(h.ClusterId).DistinctBy(e => e.Seq).ToList();
            Assert.Equal(received.Select(e => e.Seq).Order(), received.Select(e => e.Seq));
            Assert.Equal(Enumerable.Range(1, (int)drift.Seq).Select(i => (long)i), received.Select(e => e.Seq).Where(s => s <= drift.Seq));
            Assert.Equal(drift, received.Single(e => e.Seq == drift.Seq));
            Assert.All(received, e => Assert.Equal(stored.Single(s => s.Seq == e.Seq), e));
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task PruneRemovesTheObjectOfADeletedManifestAndLeavesAnObjectItDoesNotOwn()
    {
        await using var h = new AgentHarness(emulator.Server);
        var first = h.Repo.CopyFrom("shop", "shop").Commit();
        await h.StartAgentAsync();
        h.SetDesired(h.Desired(1, first));
        await h.WaitConvergedAsync(first);
        h.Cluster.Apply(Fixture("foreign-configmap.yaml"), fieldManager: "kubectl");

        var second = h.Repo.Delete("shop/base/menu.yaml").Write("shop/base/kustomization.yaml", Fixture("kustomization-without-menu.yaml")).Commit("menu gone");
        h.SetDesired(h.Desired(2, second));
        await h.WaitConvergedAsync(second);

        Assert.Null(h.Cluster.Get("v1", "ConfigMap", "shop", "menu"));
        Assert.NotNull(h.Cluster.Get("v1", "ConfigMap", "shop", "foreign"));
        Assert.Contains(new ChangeSetEntry("ConfigMap/shop/menu", ChangeAction.Deleted), h.LastChangeSet()!.Entries);
        Assert.DoesNotContain(h.Store.LoadGroup("shop")!.Inventory, i => i.Ref.Name == "menu");
        Assert.Contains(h.Journal, e => e.Kind == JournalEventKinds.Pruned && e.Detail == "ConfigMap/shop/menu deleted");
    }

    [Fact]
    public async Task ARevisionWithOneInvalidObjectAppliesNothingAndReportsItByName()
    {
        await using var h = new AgentHarness(emulator.Server);
        var first = h.Repo.CopyFrom("shop", "shop").Commit();
        await h.StartAgentAsync();
        h.SetDesired(h.Desired(1, first));
        await h.WaitConvergedAsync(first);

        var bad = h.Repo
            .Write("shop/base/menu.yaml", Fixture("menu-new-price.yaml"))
            .Write("shop/base/broken-service.yaml", Fixture("broken-service.yaml"))
            .Write("shop/base/kustomization.yaml", Fixture("kustomization-with-broken.yaml"))
            .Commit("broken");
        h.SetDesired(h.Desired(2, bad));
        await h.WaitForStatusAsync(s => s.Phase == Phase.Failed, "the bad revision fails");

        var status = h.Status()!;
        Assert.Equal(Reasons.ApplyFailed, status.Reason);
        Assert.Contains("Service/shop/broken", status.Message);
        Assert.Equal(first, status.AppliedRevision);
        Assert.Equal("2.50", h.Cluster.Get("v1", "ConfigMap", "shop", "menu")!["data"]!["coffee"]!.GetValue<string>());
        Assert.Null(h.Cluster.Get("v1", "Service", "shop", "broken"));
        Assert.NotNull(h.Cluster.Get("apps/v1", "Deployment", "shop", "api"));
    }

    [Fact]
    public async Task AWorkloadThatNeverBecomesReadyIsDegradedAfterTheTimeoutAndNamed()
    {
        await using var h = new AgentHarness(emulator.Server) { HealthTimeout = TimeSpan.FromSeconds(30) };
        var rev = h.Repo.CopyFrom("shop", "shop").Write("shop/base/api.yaml", Fixture("api-never-ready.yaml")).Commit();
        await h.StartAgentAsync();
        h.SetDesired(h.Desired(1, rev));

        await h.WaitForStatusAsync(s => s.Phase == Phase.Degraded, "the rollout times out");

        var status = h.Status()!;
        Assert.Equal(Reasons.HealthCheckFailed, status.Reason);
        var unhealthy = Assert.Single(status.Unhealthy);
        Assert.Equal("Deployment/shop/api", unhealthy.Subject);
        Assert.Contains("Deployment/shop/api", status.Message);
        Assert.Equal(new ResourceCounts(5, 4), status.Resources);
    }

    [Fact]
    public async Task RestartedWithNoBrokerAndTheRemoteDeletedItConvergesAgainFromItsCache()
    {
        await using var h = new AgentHarness(emulator.Server);
        var rev = h.Repo.CopyFrom("shop", "shop").Commit();
        await h.StartAgentAsync();
        h.SetDesired(h.Desired(1, rev));
        await h.WaitConvergedAsync(rev);
        await h.StopAgentAsync();

        h.Repo.Dispose();
        h.Cluster.Delete("v1", "ConfigMap", "shop", "settings");
        await h.StartAgentAsync();

        await Eventually.UntilAsync(() => h.Journal.Any(e => e.Kind == JournalEventKinds.DriftCorrected), "the deleted object is restored from the cache", advance: h.Time);
        await h.WaitConvergedAsync(rev);
        Assert.NotNull(h.Cluster.Get("v1", "ConfigMap", "shop", "settings"));
        Assert.Equal("ConfigMap/shop/settings created", h.Journal.Single(e => e.Kind == JournalEventKinds.DriftCorrected).Detail);
    }

    [Fact]
    public async Task GarbageOnTheDesiredTopicLeavesTheLastGoodStateRunningWithTheErrorJournaled()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var hub = await TestHub.ConnectAsync(broker);
        await using var h = new AgentHarness(emulator.Server);
        var rev = h.Repo.CopyFrom("shop", "shop").Commit();
        await h.StartAgentAsync(broker.Uri);
        await hub.PublishDesiredAsync(h.Desired(1, rev, intervalSeconds: 60));
        await h.WaitConvergedAsync(rev);

        await hub.PublishAsync(Topics.Desired(h.ClusterId), """{"v":1,"clusterId":"nope"}"""u8.ToArray(), retain: true);
        await Eventually.UntilAsync(() => hub.Journal(h.ClusterId).Any(e => e.Kind == JournalEventKinds.DesiredRejected), "the rejection reaches the hub", advance: h.Time);
        Assert.Contains("ClusterMismatch", h.Journal.Single(e => e.Kind == JournalEventKinds.DesiredRejected).Detail);

        h.Cluster.Delete("v1", "ConfigMap", "shop", "menu");
        await Eventually.UntilAsync(() => h.Cluster.Get("v1", "ConfigMap", "shop", "menu") is not null, "the last good desired state is still enforced", advance: h.Time, step: TimeSpan.FromSeconds(5));
        Assert.Equal(1, h.Store.LoadDesired()!.Generation);
        Assert.Equal(Phase.Converged, h.Status()!.Phase);
    }

    [Fact]
    public async Task ACrdAndItsCustomResourceInOneRevisionApplyInStages()
    {
        await using var h = new AgentHarness(emulator.Server);
        var rev = h.Repo.CopyFrom("crd", "gadgets").Commit();
        await h.StartAgentAsync();
        h.SetDesired(h.Desired(1, rev, path: "gadgets", group: "gadgets"));

        await h.WaitConvergedAsync(rev, "gadgets");

        var widget = h.Cluster.Get("example.fleetops.io/v1", "Widget", "gadgets", "till-display");
        Assert.NotNull(widget);
        Assert.Equal(h.ClusterId, widget["spec"]!["store"]!.GetValue<string>());
        Assert.Equal(3, h.LastChangeSet("gadgets")!.Count(ChangeAction.Created));
    }

    [Fact]
    public async Task AnEmptyGroupListPrunesEverythingTheAgentOwns()
    {
        await using var h = new AgentHarness(emulator.Server);
        var rev = h.Repo.CopyFrom("shop", "shop").Commit();
        await h.StartAgentAsync();
        h.SetDesired(h.Desired(1, rev));
        await h.WaitConvergedAsync(rev);

        h.SetDesired(h.Desired(2, rev) with { Groups = [] });

        await Eventually.UntilAsync(() => h.Store.LoadGroup("shop") is null, "the group is forgotten", advance: h.Time);
        Assert.Null(h.Cluster.Get("v1", "ConfigMap", "shop", "menu"));
        Assert.Null(h.Cluster.Get("apps/v1", "Deployment", "shop", "api"));
        Assert.Null(h.Status());
        Assert.Contains(h.Journal, e => e.Kind == JournalEventKinds.Pruned && e.Detail!.StartsWith("group removed from desired state"));
    }

    [Fact]
    public async Task AnImmutableFieldChangeRecreatesOnlyWhereTheObjectAllowsIt()
    {
        await using var h = new AgentHarness(emulator.Server);
        var first = h.Repo.CopyFrom("shop", "shop").Commit();
        await h.StartAgentAsync();
        h.SetDesired(h.Desired(1, first));
        await h.WaitConvergedAsync(first);

        var refused = h.Repo.Write("shop/base/api.yaml", Fixture("api-new-selector.yaml")).Commit("new selector");
        h.SetDesired(h.Desired(2, refused));
        await h.WaitForStatusAsync(s => s.Phase == Phase.Failed, "the immutable change is refused");
        Assert.Contains("Deployment/shop/api", h.Status()!.Message);
        Assert.Contains(Ownership.ForceAnnotation, h.Status()!.Message);

        var forced = h.Repo.Write("shop/base/api.yaml", Fixture("api-new-selector-forced.yaml")).Commit("new selector, forced");
        h.SetDesired(h.Desired(3, forced));
        await h.WaitConvergedAsync(forced);
        Assert.Contains(new ChangeSetEntry("Deployment/shop/api", ChangeAction.Created, "recreated: immutable field changed"), h.LastChangeSet()!.Entries);
        Assert.Equal("api-v2", h.Cluster.Get("apps/v1", "Deployment", "shop", "api")!["spec"]!["selector"]!["matchLabels"]!["app"]!.GetValue<string>());
    }

    [Fact]
    public async Task TwoAgentsInOneProcessShareOneHttpHandlerAndStayIndependent()
    {
        using var handler = new SocketsHttpHandler();
        var shared = new FleetOps.EdgeAgent.Hosting.SharedHttpHandler(handler);
        await using var a = new AgentHarness(emulator.Server);
        await using var b = new AgentHarness(emulator.Server);
        var revA = a.Repo.CopyFrom("shop", "shop").Commit();
        var revB = b.Repo.CopyFrom("crd", "gadgets").Commit();
        await a.StartAgentAsync(configure: s => s.AddSingleton(shared));
        await b.StartAgentAsync(configure: s => s.AddSingleton(shared));

        a.SetDesired(a.Desired(1, revA));
        b.SetDesired(b.Desired(1, revB, path: "gadgets", group: "gadgets"));

        await a.WaitConvergedAsync(revA);
        await b.WaitConvergedAsync(revB, "gadgets");
        Assert.Null(a.Cluster.Get("v1", "Namespace", null, "gadgets"));
        Assert.Null(b.Cluster.Get("v1", "Namespace", null, "shop"));
        Assert.DoesNotContain(a.Journal, e => e.Group == "gadgets");
    }

    [Fact]
    public async Task AnObjectClaimedBySecondGroupIsAConflictReportedOnTheSecond()
    {
        await using var h = new AgentHarness(emulator.Server);
        var rev = h.Repo.CopyFrom("shop", "shop").CopyFrom("conflict", "extra").Commit();
        await h.StartAgentAsync();
        h.SetDesired(h.Desired(1, rev));
        await h.WaitConvergedAsync(rev);

        var both = h.Desired(2, rev);
        h.SetDesired(both with { Groups = [.. both.Groups, new DesiredGroup("extra", "extra", rev, "sha256:test")] });

        await h.WaitForStatusAsync(s => s.Phase == Phase.Failed, "the second group fails", "extra");
        var status = h.Status("extra")!;
        Assert.Equal(Reasons.Conflict, status.Reason);
        Assert.Contains("ConfigMap/shop/menu belongs to group 'shop'", status.Message);
        Assert.Equal("2.50", h.Cluster.Get("v1", "ConfigMap", "shop", "menu")!["data"]!["coffee"]!.GetValue<string>());
        Assert.Equal(Phase.Converged, h.Status("shop")!.Phase);
    }
}
