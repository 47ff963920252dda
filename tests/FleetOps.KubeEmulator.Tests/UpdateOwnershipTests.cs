using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;
using k8s;
using k8s.Models;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>
/// An update (PUT, merge, strategic merge or JSON patch) that changes or removes a field takes it away from
/// every other manager, as the API server's update manager does: the agent's drift check reads exactly that.
/// </summary>
public sealed class UpdateOwnershipTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task APutThatChangesOneValueMovesOnlyThatFieldToTheUpdater()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("configmap.yaml"), fieldManager: "fleetops");
        var live = await client.CoreV1.ReadNamespacedConfigMapAsync("settings", "default");
        live.Data["currency"] = "CHF";

        var replaced = Nodes.From(await client.CoreV1.ReplaceNamespacedConfigMapAsync(live, "settings", "default", fieldManager: "kubectl-replace"));

        Assert.False(Nodes.Owns(replaced, "fleetops", "f:data", "f:currency"));
        Assert.True(Nodes.Owns(replaced, "fleetops", "f:data", "f:locale"));
        Assert.True(Nodes.Owns(replaced, "fleetops", "f:metadata", "f:labels", "f:app"));
        Assert.True(Nodes.Owns(replaced, "kubectl-replace", "f:data", "f:currency"));
        Assert.False(Nodes.Owns(replaced, "kubectl-replace", "f:data", "f:locale"));
    }

    [Fact]
    public async Task AStrategicMergePatchOfOneContainerFieldTakesOnlyThatField()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("deployment.yaml"), fieldManager: "fleetops");
        const string patch = """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}}}""";

        var patched = Nodes.From(await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "web", "default", fieldManager: "kubectl-edit"));

        string[] container = ["f:spec", "f:template", "f:spec", "f:containers", """k:{"name":"web"}"""];
        Assert.False(Nodes.Owns(patched, "fleetops", [.. container, "f:image"]));
        Assert.True(Nodes.Owns(patched, "fleetops", [.. container, "f:name"]));
        Assert.True(Nodes.Owns(patched, "fleetops", [.. container, "f:env"]));
        Assert.True(Nodes.Owns(patched, "fleetops", "f:spec", "f:replicas"));
        Assert.True(Nodes.Owns(patched, "kubectl-edit", [.. container, "f:image"]));
    }

    [Fact]
    public async Task AMergePatchThatRemovesAFieldTakesItFromItsOwner()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("configmap.yaml"), fieldManager: "fleetops");

        var patched = Nodes.From(await client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"metadata":{"labels":{"app":null}},"data":{"locale":null}}""", V1Patch.PatchType.MergePatch), "settings", "default", fieldManager: "kubectl-patch"));

        Assert.False(Nodes.Owns(patched, "fleetops", "f:metadata", "f:labels", "f:app"));
        Assert.False(Nodes.Owns(patched, "fleetops", "f:data", "f:locale"));
        Assert.True(Nodes.Owns(patched, "fleetops", "f:data", "f:currency"));
        Assert.False(Nodes.Owns(patched, "kubectl-patch", "f:data", "f:locale"));
    }

    [Fact]
    public async Task AnUpdateThatWritesTheSameValueTakesNothing()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("configmap.yaml"), fieldManager: "fleetops");
        var before = cluster.Get("v1", "ConfigMap", "default", "settings")!;

        var patched = Nodes.From(await client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"currency":"EUR"}}""", V1Patch.PatchType.MergePatch), "settings", "default", fieldManager: "kubectl-patch"));

        Assert.True(Nodes.Owns(patched, "fleetops", "f:data", "f:currency"));
        Assert.Null(Nodes.ManagedBy(patched, "kubectl-patch", "Update"));
        var after = cluster.Get("v1", "ConfigMap", "default", "settings")!;
        Assert.True(JsonNode.DeepEquals(before["metadata"]!["managedFields"], after["metadata"]!["managedFields"]));
    }
}
