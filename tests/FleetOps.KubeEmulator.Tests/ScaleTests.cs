using System.Net;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>The <c>/scale</c> subresource (autoscaling/v1 Scale) of Deployments, StatefulSets and ReplicaSets.</summary>
public sealed class ScaleTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task ADeploymentScaleIsReadReplacedAndPatchedAsAnAutoscalingV1Scale()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("deployment.yaml"), fieldManager: "fleetops");

        var scale = await client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", "default");
        scale.Spec.Replicas = 5;
        var replaced = await client.AppsV1.ReplaceNamespacedDeploymentScaleAsync(scale, "web", "default", fieldManager: "autoscaler");
        var patched = await client.AppsV1.PatchNamespacedDeploymentScaleAsync(
            new V1Patch("""{"spec":{"replicas":1}}""", V1Patch.PatchType.MergePatch), "web", "default", fieldManager: "ops");
        var live = cluster.Get("apps/v1", "Deployment", "default", "web")!;

        Assert.Equal(("autoscaling/v1", "Scale"), (scale.ApiVersion, scale.Kind));
        Assert.Equal(("web", "default"), (scale.Metadata.Name, scale.Metadata.NamespaceProperty));
        Assert.Equal((3, "app=web"), (scale.Status.Replicas, scale.Status.Selector));
        Assert.Equal(5, replaced.Spec.Replicas);
        Assert.Equal(1, patched.Spec.Replicas);
        Assert.Equal(1, (int?)live["spec"]?["replicas"]);
        Assert.True(long.Parse(patched.Metadata.ResourceVersion) > long.Parse(replaced.Metadata.ResourceVersion));
        var entry = Nodes.ManagedBy(live, "ops", "Update")!;
        Assert.Equal(("scale", "apps/v1"), ((string?)entry["subresource"], (string?)entry["apiVersion"]));
        Assert.NotNull(entry["fieldsV1"]?["f:spec"]?["f:replicas"]);
        Assert.False(Nodes.Owns(live, "fleetops", "f:spec", "f:replicas"));
    }

    [Fact]
    public async Task StatefulSetAndReplicaSetScalesWork()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("statefulset.yaml"));
        cluster.Apply(TestData.Read("replicaset.yaml"));

        var statefulSet = await client.AppsV1.PatchNamespacedStatefulSetScaleAsync(
            new V1Patch("""[{"op":"replace","path":"/spec/replicas","value":4}]""", V1Patch.PatchType.JsonPatch), "db", "default");
        var replicaSet = await client.AppsV1.ReadNamespacedReplicaSetScaleAsync("cache", "default");

        Assert.Equal(4, statefulSet.Spec.Replicas);
        Assert.Equal(4, (int?)cluster.Get("apps/v1", "StatefulSet", "default", "db")!["spec"]?["replicas"]);
        Assert.Equal("app=cache,tier in (backend,cache)", replicaSet.Status.Selector);
    }

    [Fact]
    public async Task AStaleResourceVersionConflictsAndNegativeReplicasAreInvalid()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("deployment.yaml"));
        var scale = await client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", "default");
        await client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.MergePatch), "web", "default");

        scale.Spec.Replicas = 7;
        var stale = await Assert.ThrowsAsync<HttpOperationException>(() => client.AppsV1.ReplaceNamespacedDeploymentScaleAsync(scale, "web", "default"));
        var negative = await Assert.ThrowsAsync<HttpOperationException>(() => client.AppsV1.PatchNamespacedDeploymentScaleAsync(
            new V1Patch("""{"spec":{"replicas":-1}}""", V1Patch.PatchType.MergePatch), "web", "default"));

        Assert.Equal(HttpStatusCode.Conflict, stale.Response.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, negative.Response.StatusCode);
        Assert.Equal("Scale.autoscaling \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0", (string?)Nodes.Status(negative)["message"]);
        Assert.Equal(2, (int?)cluster.Get("apps/v1", "Deployment", "default", "web")!["spec"]?["replicas"]);
    }

    [Fact]
    public async Task DiscoveryListsTheScaleSubresourceAsAutoscalingV1()
    {
        using var client = fixture.NewCluster().CreateClient();

        var apps = await client.AppsV1.GetAPIResourcesAsync();

        foreach (var name in new[] { "deployments/scale", "statefulsets/scale", "replicasets/scale" })
        {
            var scale = Assert.Single(apps.Resources, r => r.Name == name);
            Assert.Equal(("autoscaling", "v1", "Scale"), (scale.Group, scale.Version, scale.Kind));
            Assert.Equal(["get", "patch", "update"], scale.Verbs);
        }

        Assert.DoesNotContain(apps.Resources, r => r.Name == "daemonsets/scale");
    }

    [Fact]
    public async Task KubectlScaleWorksWithAndWithoutAPrecondition()
    {
        var cluster = fixture.NewCluster();
        using var kubectl = new Kubectl(cluster);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "-f", TestData.PathOf("deployment.yaml"))).ExitCode);

        var scaled = await kubectl.RunAsync("scale", "deployment/web", "--replicas=4");
        var conditional = await kubectl.RunAsync("scale", "deployment/web", "--current-replicas=4", "--replicas=2");
        var refused = await kubectl.RunAsync("scale", "deployment/web", "--current-replicas=9", "--replicas=1");

        Assert.True(scaled.ExitCode == 0, scaled.ToString());
        Assert.Equal("deployment.apps/web scaled", scaled.Stdout.Trim());
        Assert.True(conditional.ExitCode == 0, conditional.ToString());
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Equal(2, (int?)cluster.Get("apps/v1", "Deployment", "default", "web")!["spec"]?["replicas"]);
        Assert.Contains(cluster.Requests, r => r.Verb == "patch" && r.Subresource == "scale" && r.PatchType == "application/merge-patch+json");
        Assert.Contains(cluster.Requests, r => r.Verb == "update" && r.Subresource == "scale");
    }
}
