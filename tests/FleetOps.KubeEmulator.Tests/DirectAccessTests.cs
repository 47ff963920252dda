using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;
using k8s;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>Tests can seed objects and force statuses without HTTP, and clients see the result.</summary>
public sealed class DirectAccessTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task InjectedObjectsAndStatusesAreWhatClientsRead()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        var deployment = (JsonObject)JsonNode.Parse(Yaml.ToJson(TestData.Read("deployment.yaml")))!;

        cluster.Put(deployment);
        cluster.SetStatus("apps/v1", "Deployment", "default", "web", new JsonObject
        {
            ["observedGeneration"] = 1,
            ["replicas"] = 3,
            ["unavailableReplicas"] = 3,
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Available", ["status"] = "False", ["reason"] = "MinimumReplicasUnavailable" }),
        });
        var read = await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");

        Assert.Equal(3, read.Status.UnavailableReplicas);
        Assert.Equal("False", read.Status.Conditions.Single(c => c.Type == "Available").Status);
        Assert.NotNull(Nodes.ManagedBy(Nodes.From(read), "emulator-test", "Update"));
    }

    [Fact]
    public void DeleteAndListWorkDirectly()
    {
        var cluster = fixture.NewCluster();
        cluster.Apply(TestData.Read("app.yaml"));

        var listed = cluster.List("v1", "Service", "pos");
        var removed = cluster.Delete("v1", "ConfigMap", "pos", "web-config");
        var again = cluster.Delete("v1", "ConfigMap", "pos", "web-config");

        Assert.Equal(["web"], listed.Select(s => (string?)s["metadata"]?["name"]));
        Assert.True(removed);
        Assert.False(again);
        Assert.Throws<ArgumentException>(() => cluster.Get("example.com/v1", "Gadget", "pos", "x"));
        cluster.Apply(TestData.Read("deployment.yaml"));
        var e = Assert.Throws<KubeApiException>(() => cluster.Apply(TestData.Read("deployment.yaml").Replace("replicas: 3", "replicas: 1"), "other", force: false));
        Assert.Equal(409, e.Code);
        Assert.Equal("Conflict", e.Reason);
    }
}
