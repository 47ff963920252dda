using System.Net;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>dryRun=All on every mutating verb validates fully and stores nothing.</summary>
public sealed class DryRunTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task DryRunCreateUpdatePatchAndDeleteLeaveTheClusterUntouched()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        var existing = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("kept", "v1"), "default");
        var before = cluster.ResourceVersion;
        cluster.ClearRequests();

        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("new", "v"), "default", dryRun: "All");
        existing.Data["k"] = "v2";
        var updated = await client.CoreV1.ReplaceNamespacedConfigMapAsync(existing, "kept", "default", dryRun: "All");
        var patched = await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"v3"}}""", V1Patch.PatchType.MergePatch), "kept", "default", dryRun: "All");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("kept", "default", dryRun: "All");

        Assert.Equal("new", created.Metadata.Name);
        Assert.Equal("v2", updated.Data["k"]);
        Assert.Equal("v3", patched.Data["k"]);
        Assert.Equal(before, cluster.ResourceVersion);
        Assert.Null(cluster.Get("v1", "ConfigMap", "default", "new"));
        Assert.Equal("v1", (string?)cluster.Get("v1", "ConfigMap", "default", "kept")!["data"]?["k"]);
        Assert.Equal(0, cluster.WriteRequestCount);
        Assert.All(cluster.Requests, r => Assert.True(r.DryRun));
    }

    [Fact]
    public async Task DryRunStillRejectsInvalidObjects()
    {
        using var client = fixture.NewCluster().CreateClient();

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("Not_Valid", "v"), "default", dryRun: "All"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, e.Response.StatusCode);
    }

    private static V1ConfigMap ConfigMap(string name, string value) =>
        new() { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["k"] = value } };
}
