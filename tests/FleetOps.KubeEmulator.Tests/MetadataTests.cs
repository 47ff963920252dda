using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;
using k8s;
using k8s.Models;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>Server-set metadata: uid, timestamps, resourceVersion and generation follow the API server's rules.</summary>
public sealed class MetadataTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task ResourceVersionIncreasesWithEveryChangeAcrossKinds()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();

        var a = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" } }, "default");
        var b = await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "b" } }, "default");
        a.Data = new Dictionary<string, string> { ["k"] = "v" };
        var a2 = await client.CoreV1.ReplaceNamespacedConfigMapAsync(a, "a", "default");
        var list = await client.CoreV1.ListNamespacedConfigMapAsync("default");

        var versions = new[] { a.Metadata, b.Metadata, a2.Metadata }.Select(m => long.Parse(m.ResourceVersion)).ToList();
        Assert.True(versions[0] < versions[1] && versions[1] < versions[2]);
        Assert.Equal(cluster.ResourceVersion, long.Parse(list.Metadata.ResourceVersion));
        Assert.False(string.IsNullOrEmpty(a.Metadata.Uid));
        Assert.Equal(a.Metadata.Uid, a2.Metadata.Uid);
        Assert.Equal(a.Metadata.CreationTimestamp, a2.Metadata.CreationTimestamp);
    }

    [Fact]
    public async Task GenerationStartsAtOneAndMovesOnlyWhenTheSpecChanges()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        var created = await client.AppsV1.CreateNamespacedDeploymentAsync(KubernetesYaml.Deserialize<V1Deployment>(TestData.Read("deployment.yaml")), "default");

        var labelled = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"metadata":{"labels":{"x":"y"}}}""", V1Patch.PatchType.MergePatch), "web", "default");
        var scaled = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":5}}""", V1Patch.PatchType.MergePatch), "web", "default");
        var configMap = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" } }, "default");

        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(1, labelled.Metadata.Generation);
        Assert.NotEqual(created.Metadata.ResourceVersion, labelled.Metadata.ResourceVersion);
        Assert.Equal(2, scaled.Metadata.Generation);
        Assert.Null(configMap.Metadata.Generation);
    }

    [Fact]
    public async Task WriteThatChangesNothingKeepsTheResourceVersion()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "same" }, Data = new Dictionary<string, string> { ["k"] = "v" } }, "default");

        var replaced = await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "same", "default");
        var patched = await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"v"}}""", V1Patch.PatchType.MergePatch), "same", "default");

        Assert.Equal(created.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
        Assert.Equal(created.Metadata.ResourceVersion, patched.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task GenerateNameProducesAUniqueName()
    {
        using var client = fixture.NewCluster().CreateClient();

        var first = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "run-" } }, "default");
        var second = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "run-" } }, "default");

        Assert.StartsWith("run-", first.Metadata.Name);
        Assert.NotEqual(first.Metadata.Name, second.Metadata.Name);
    }
}
