using System.Diagnostics;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;
using k8s;
using k8s.Models;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>One server hosts many isolated clusters cheaply, each with its own request log.</summary>
public sealed class MultiClusterTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task ClustersAreIsolatedFromEachOther()
    {
        var east = fixture.NewCluster();
        var west = fixture.NewCluster();
        using var eastClient = east.CreateClient();
        using var westClient = west.CreateClient();

        await eastClient.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "only-east" } }, "default");

        Assert.NotNull(east.Get("v1", "ConfigMap", "default", "only-east"));
        Assert.Null(west.Get("v1", "ConfigMap", "default", "only-east"));
        Assert.DoesNotContain((await westClient.CoreV1.ListNamespacedConfigMapAsync("default")).Items, c => c.Metadata.Name == "only-east");
        Assert.DoesNotContain(west.Requests, r => r.Verb == "create");
    }

    [Fact]
    public async Task TwoHundredClustersServeConcurrentClients()
    {
        var clusters = Enumerable.Range(0, 200).Select(_ => fixture.NewCluster()).ToList();
        var watch = Stopwatch.StartNew();

        await Parallel.ForEachAsync(clusters, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (cluster, _) =>
        {
            using var client = cluster.CreateClient();
            await client.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch(Yaml.ToJson(TestData.Read("deployment.yaml")), V1Patch.PatchType.ApplyPatch), "apps", "v1", "default", "deployments", "web", fieldManager: "fleetops");
        });

        Assert.All(clusters, c => Assert.Equal(3, (int?)c.Get("apps/v1", "Deployment", "default", "web")!["status"]?["readyReplicas"]));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"200 clusters took {watch.Elapsed}");
    }

    [Fact]
    public async Task RequestLogShowsThatANoOpReconcileWroteNothing()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        var desired = TestData.Read("configmap.yaml");
        await RawApi.ApplyAsync(client, "/api/v1/namespaces/default/configmaps/settings", desired, "fleetops");
        cluster.ClearRequests();

        // A drift check as the agent does it: read live state, compare, write nothing when it matches.
        var live = await client.CoreV1.ReadNamespacedConfigMapAsync("settings", "default");
        Assert.Equal("EUR", live.Data["currency"]);

        Assert.Equal(0, cluster.WriteRequestCount);
        var request = Assert.Single(cluster.Requests);
        Assert.Equal(("get", "configmaps", "default", "settings", 200), (request.Verb, request.Resource, request.Namespace, request.Name, request.StatusCode));
    }

    [Fact]
    public async Task RequestLogRecordsVerbsManagersAndPatchTypes()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();

        await RawApi.ApplyAsync(client, "/api/v1/namespaces/default/configmaps/settings", TestData.Read("configmap.yaml"), "fleetops", dryRun: true);
        await RawApi.ApplyAsync(client, "/api/v1/namespaces/default/configmaps/settings", TestData.Read("configmap.yaml"), "fleetops");
        await client.CoreV1.ListNamespacedConfigMapAsync("default");

        Assert.Collection(cluster.Requests,
            r => Assert.Equal(("patch", true, "fleetops", "application/apply-patch+yaml"), (r.Verb, r.DryRun, r.FieldManager, r.PatchType)),
            r => Assert.Equal(("patch", false, 201), (r.Verb, r.DryRun, r.StatusCode)),
            r => Assert.Equal("list", r.Verb));
        Assert.Equal(1, cluster.WriteRequestCount);
    }

    [Fact]
    public async Task UnknownClusterNamesAre404UnlessCreatedOnRequest()
    {
        var config = new KubernetesClientConfiguration { Host = new Uri(fixture.Server.BaseAddress, "clusters/never-made").ToString() };
        using var client = new Kubernetes(config);

        var e = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => client.CoreV1.ListNamespaceAsync());

        Assert.Equal(System.Net.HttpStatusCode.NotFound, e.Response.StatusCode);
        Assert.False(fixture.Server.TryGetCluster("never-made", out _));
    }
}
