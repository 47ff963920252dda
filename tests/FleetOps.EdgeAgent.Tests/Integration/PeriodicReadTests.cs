using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Polling;
using k8s;
using k8s.Models;

namespace FleetOps.EdgeAgent.Tests.Integration;

/// <summary>How a periodic run reads a converged group from the emulator: few requests, and nothing missed.</summary>
public sealed class PeriodicReadTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task AConvergedGroupIsReadWithOneListPerKindAndNamespaceAndWrittenNothing()
    {
        await using var h = await ConvergedShopAsync();
        h.Cluster.ClearRequests();

        await NextRunAsync(h);

        var requests = h.Cluster.Requests;
        var list = Assert.Single(requests, r => r.Verb == "list");
        Assert.Equal(("configmaps", "shop"), (list.Resource, list.Namespace));
        Assert.DoesNotContain(requests, r => r.Verb == "get" && r.Resource == "configmaps");
        Assert.Equal(3, requests.Count(r => r.Verb == "get"));
        Assert.Equal(0, h.Cluster.WriteRequestCount);
    }

    [Fact]
    public async Task AnObjectWhoseGroupLabelWasRemovedIsStillReadAndItsLabelPutBack()
    {
        await using var h = await ConvergedShopAsync();
        using (var client = h.Cluster.CreateClient())
        {
            // What `kubectl label configmap menu fleetops.io/group-` sends.
            var patch = new V1Patch("""{"metadata":{"labels":{"fleetops.io/group":null}}}""", V1Patch.PatchType.MergePatch);
            await client.CoreV1.PatchNamespacedConfigMapAsync(patch, "menu", "shop", fieldManager: "kubectl-label");
        }

        await Eventually.UntilAsync(() => h.Journal.Any(e => e.Kind == JournalEventKinds.DriftCorrected), "the next run puts the label back", advance: h.Time, step: TimeSpan.FromSeconds(60));

        Assert.Equal("ConfigMap/shop/menu configured: metadata.labels.fleetops.io/group set to shop", h.Journal.Single(e => e.Kind == JournalEventKinds.DriftCorrected).Detail);
        Assert.Equal("shop", Ownership.GroupOf(h.Cluster.Get("v1", "ConfigMap", "shop", "menu")!));
    }

    private async Task<AgentHarness> ConvergedShopAsync()
    {
        var h = new AgentHarness(emulator.Server);
        try
        {
            var rev = h.Repo.CopyFrom("shop", "shop").Commit();
            await h.StartAgentAsync();
            h.SetDesired(h.Desired(1, rev, intervalSeconds: 60));
            await h.WaitConvergedAsync(rev);
            return h;
        }
        catch
        {
            await h.DisposeAsync();
            throw;
        }
    }

    private static async Task NextRunAsync(AgentHarness h)
    {
        var last = h.LastChangeSet();
        await Eventually.UntilAsync(() => h.LastChangeSet() is { } now && !ReferenceEquals(now, last), "the next periodic run", advance: h.Time, step: TimeSpan.FromSeconds(60));
    }
}
