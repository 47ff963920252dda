using System.Net;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;
using k8s;
using k8s.Models;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>
/// A manager that applied an empty map and then applies it populated: the API server prunes only what the manager
/// stopped applying, and the map is still applied (through its entries), so the new entries stay at once.
/// </summary>
public sealed class ServerSideApplyMapTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task ConfigMapDataAppliedAfterAnEmptyDataMapIsKeptOnTheFirstApply()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        await Apply(client, "/api/v1/namespaces/default/configmaps/settings", "configmap-empty-data.yaml");

        var filled = await Apply(client, "/api/v1/namespaces/default/configmaps/settings", "configmap.yaml");
        var live = await client.CoreV1.ReadNamespacedConfigMapAsync("settings", "default");

        Assert.Equal("EUR", (string?)filled["data"]?["currency"]);
        Assert.Equal(new Dictionary<string, string> { ["currency"] = "EUR", ["locale"] = "de-DE" }, live.Data);
        Assert.True(Nodes.Owns(filled, "fleetops", "f:data", "f:locale"));
    }

    [Fact]
    public async Task DeploymentAnnotationsAndContainerResourcesAppliedAfterEmptyMapsAreKeptOnTheFirstApply()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        await Apply(client, "/apis/apps/v1/namespaces/default/deployments/web", "deployment-empty-maps.yaml");

        await Apply(client, "/apis/apps/v1/namespaces/default/deployments/web", "deployment-filled-maps.yaml");
        var live = await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");
        var resources = live.Spec.Template.Spec.Containers.Single().Resources;

        Assert.Equal("platform", live.Metadata.Annotations["fleetops.io/owner"]);
        Assert.Equal(new ResourceQuantity("500m"), resources.Limits["cpu"]);
        Assert.Equal(new ResourceQuantity("128Mi"), resources.Limits["memory"]);
    }

    [Fact]
    public async Task AnEmptyMapAppliedAfterAPopulatedOneStillRemovesTheEntriesTheManagerStoppedApplying()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        await Apply(client, "/api/v1/namespaces/default/configmaps/settings", "configmap.yaml");

        var emptied = await Apply(client, "/api/v1/namespaces/default/configmaps/settings", "configmap-empty-data.yaml");

        Assert.Null(emptied["data"]?["currency"]);
        Assert.Null(emptied["data"]?["locale"]);
        Assert.Equal("pos", (string?)emptied["metadata"]?["labels"]?["app"]);
    }

    private static async Task<JsonObject> Apply(Kubernetes client, string path, string fixture)
    {
        var (code, body) = await RawApi.ApplyAsync(client, path, TestData.Read(fixture), "fleetops");
        Assert.True(code is HttpStatusCode.OK or HttpStatusCode.Created, body.ToJsonString());
        return body;
    }
}
