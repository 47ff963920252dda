using System.Net;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;
using FleetOps.Testing.Polling;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>CRDs become Established, then their kinds are served, discovered, applied and deleted with the CRD.</summary>
public sealed class CustomResourceTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task CrdBecomesEstablishedAndItsKindIsServedAndDiscovered()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        var before = await client.Apis.GetAPIVersionsAsync();

        await ApplyEstablishedCrd(client);
        var groups = await client.Apis.GetAPIVersionsAsync();
        var (code, resources) = await RawApi.SendAsync(client, HttpMethod.Get, "/apis/example.fleetops.io/v1");
        var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("widgets.example.fleetops.io");

        Assert.DoesNotContain(before.Groups, g => g.Name == "example.fleetops.io");
        Assert.Contains(groups.Groups, g => g.Name == "example.fleetops.io" && g.PreferredVersion.Version == "v1");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Contains(resources["resources"]!.AsArray(), r => (string?)r!["name"] == "widgets" && (bool?)r["namespaced"] == true && (string?)r["kind"] == "Widget");
        Assert.Contains(crd.Status.Conditions, c => c.Type == "NamesAccepted" && c.Status == "True");
        Assert.Equal(["v1"], crd.Status.StoredVersions);
    }

    [Fact]
    public async Task CustomResourcesAreNotServedBeforeTheirCrdIsEstablished()
    {
        var server = new KubeEmulatorServer(new KubeEmulatorOptions { TimeProvider = new FakeTimeProvider(), RolloutDelay = TimeSpan.FromSeconds(1) });
        await using var _ = server;
        await server.StartAsync();
        using var client = server.Cluster("pending-crd").CreateClient();

        await ApplyCrd(client);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyWidget(client, TestData.Read("widget.yaml")));

        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
    }

    [Fact]
    public async Task CustomResourcesApplyListAndConflictLikeBuiltIns()
    {
        using var client = fixture.NewCluster().CreateClient();
        await ApplyEstablishedCrd(client);
        var yaml = TestData.Read("widget.yaml");

        var created = Nodes.From(await ApplyWidget(client, yaml));
        var listed = Nodes.From(await client.CustomObjects.ListNamespacedCustomObjectAsync("example.fleetops.io", "v1", "default", "widgets", labelSelector: "color=blue"));
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyWidget(client, yaml.Replace("size: 3", "size: 4"), "other"));
        var strategic = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{}", V1Patch.PatchType.StrategicMergePatch), "example.fleetops.io", "v1", "default", "widgets", "blue"));

        Assert.Equal(1, (int?)created["metadata"]?["generation"]);
        Assert.Equal(3, (int?)created["spec"]?["size"]);
        Assert.Single(listed["items"]!.AsArray());
        Assert.Equal("WidgetList", (string?)listed["kind"]);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, strategic.Response.StatusCode);
    }

    [Fact]
    public async Task DeletingTheCrdDeletesItsResourcesAndStopsServingThem()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        await ApplyEstablishedCrd(client);
        await ApplyWidget(client, TestData.Read("widget.yaml"));

        await client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("widgets.example.fleetops.io");
        var (code, _) = await RawApi.SendAsync(client, HttpMethod.Get, "/apis/example.fleetops.io/v1/namespaces/default/widgets/blue");
        var groups = await client.Apis.GetAPIVersionsAsync();

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.DoesNotContain(groups.Groups, g => g.Name == "example.fleetops.io");
        await ApplyEstablishedCrd(client, "the CRD is Established again");
        Assert.Empty(cluster.List("example.fleetops.io/v1", "Widget"));
    }

    /// <summary>Applies the widgets CRD and waits until it is Established, from when its kind is served.</summary>
    private static async Task ApplyEstablishedCrd(Kubernetes client, string what = "the CRD is Established")
    {
        await ApplyCrd(client);
        await Eventually.UntilAsync(async () => IsEstablished(await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("widgets.example.fleetops.io")), what);
    }

    private static bool IsEstablished(V1CustomResourceDefinition crd) =>
        crd.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true;

    private static Task<object> ApplyCrd(Kubernetes client) =>
        client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch(Yaml.ToJson(TestData.Read("crd-widgets.yaml")), V1Patch.PatchType.ApplyPatch),
            "apiextensions.k8s.io", "v1", "customresourcedefinitions", "widgets.example.fleetops.io", fieldManager: "fleetops");

    private static Task<object> ApplyWidget(Kubernetes client, string yaml, string manager = "fleetops") =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(Yaml.ToJson(yaml), V1Patch.PatchType.ApplyPatch), "example.fleetops.io", "v1", "default", "widgets", "blue", fieldManager: manager);
}
