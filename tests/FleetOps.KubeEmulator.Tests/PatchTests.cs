using System.Net;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>Merge, strategic merge and JSON patches: the ways tests cause drift as another field manager would.</summary>
public sealed class PatchTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task MergePatchIsRecordedAsAnUpdateByItsFieldManager()
    {
        using var client = await ClientWithDeployment();

        var patched = await client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"metadata":{"labels":{"drift":"yes"}},"spec":{"replicas":1}}""", V1Patch.PatchType.MergePatch), "web", "default", fieldManager: "intruder");
        var obj = Nodes.From(patched);
        var entry = Nodes.ManagedBy(obj, "intruder", "Update")!;

        Assert.Equal(1, patched.Spec.Replicas);
        Assert.Equal("yes", patched.Metadata.Labels["drift"]);
        Assert.Equal("apps/v1", (string?)entry["apiVersion"]);
        Assert.NotNull(entry["fieldsV1"]?["f:spec"]?["f:replicas"]);
        Assert.False(Nodes.Owns(obj, "fleetops", "f:spec", "f:replicas"));
    }

    [Fact]
    public async Task PatchWithoutFieldManagerIsOwnedByTheUserAgentName()
    {
        using var client = await ClientWithDeployment();

        var patched = Nodes.From(await client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"revisionHistoryLimit":3}}""", V1Patch.PatchType.MergePatch), "web", "default"));

        var updaters = patched["metadata"]!["managedFields"]!.AsArray().Where(e => (string?)e!["operation"] == "Update" && e["subresource"] is null).Select(e => (string?)e!["manager"]);
        Assert.Single(updaters);
        Assert.DoesNotContain("fleetops", updaters);
    }

    [Fact]
    public async Task StrategicMergePatchMergesContainersByName()
    {
        using var client = await ClientWithDeployment();
        const string patch = """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28"},{"name":"debug","image":"busybox:1.36"}]}}}}""";

        var patched = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "web", "default", fieldManager: "kubectl-edit");

        var containers = patched.Spec.Template.Spec.Containers;
        Assert.Equal(["web", "debug"], containers.Select(c => c.Name));
        Assert.Equal("nginx:1.28", containers[0].Image);
        Assert.Equal("MODE", containers[0].Env.Single().Name);
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task StrategicMergePatchDeleteDirectiveRemovesAListItem()
    {
        using var client = await ClientWithDeployment();
        const string patch = """{"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"MODE","$patch":"delete"}]}]}}}}""";

        var patched = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "web", "default");

        Assert.Null(patched.Spec.Template.Spec.Containers[0].Env);
    }

    [Fact]
    public async Task JsonPatchAppliesOperationsInOrder()
    {
        using var client = await ClientWithDeployment();
        const string patch = """
            [{"op":"test","path":"/spec/replicas","value":3},
             {"op":"replace","path":"/spec/replicas","value":6},
             {"op":"add","path":"/metadata/annotations","value":{"note":"scaled"}},
             {"op":"remove","path":"/metadata/labels/tier"}]
            """;

        var patched = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), "web", "default", fieldManager: "ops");
        var failed = await Assert.ThrowsAsync<HttpOperationException>(() => client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""[{"op":"test","path":"/spec/replicas","value":3}]""", V1Patch.PatchType.JsonPatch), "web", "default"));

        Assert.Equal(6, patched.Spec.Replicas);
        Assert.Equal("scaled", patched.Metadata.Annotations["note"]);
        Assert.False(patched.Metadata.Labels.ContainsKey("tier"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, failed.Response.StatusCode);
    }

    [Fact]
    public async Task UnsupportedPatchContentTypeIs415()
    {
        using var client = await ClientWithDeployment();

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Patch, "/apis/apps/v1/namespaces/default/deployments/web", "{}", "application/xml");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, code);
        Assert.Equal("UnsupportedMediaType", (string?)status["reason"]);
        Assert.Contains("application/merge-patch+json", (string?)status["message"]);
    }

    [Fact]
    public async Task PatchOfAMissingObjectIs404()
    {
        using var client = fixture.NewCluster().CreateClient();

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"a":"b"}}""", V1Patch.PatchType.MergePatch), "absent", "default"));

        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
        Assert.Equal("configmaps \"absent\" not found", (string?)Nodes.Status(e)["message"]);
    }

    [Fact]
    public async Task ForceOnANonApplyPatchIsRejected()
    {
        using var client = await ClientWithDeployment();

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Patch, "/apis/apps/v1/namespaces/default/deployments/web?force=true", "{}", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains("force: Forbidden", (string?)status["message"]);
    }

    private async Task<Kubernetes> ClientWithDeployment()
    {
        var client = fixture.NewCluster().CreateClient();
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(Yaml.ToJson(TestData.Read("deployment.yaml")), V1Patch.PatchType.ApplyPatch), "apps", "v1", "default", "deployments", "web", fieldManager: "fleetops");
        return client;
    }
}
