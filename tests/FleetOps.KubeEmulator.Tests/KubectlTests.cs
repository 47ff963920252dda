using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>The real kubectl, with no special flags, against a generated kubeconfig.</summary>
public sealed class KubectlTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task ServerSideApplyGetConflictForceAndDeleteWork()
    {
        var cluster = fixture.NewCluster();
        using var kubectl = new Kubectl(cluster);
        var app = TestData.PathOf("app.yaml");
        var scaled = TestData.PathOf("app-scaled.yaml");

        var applied = await kubectl.RunAsync("apply", "--server-side", "-f", app);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Contains("deployment.apps/web serverside-applied", applied.Stdout);

        var got = await kubectl.RunAsync("get", "deployment,service,configmap", "-n", "pos", "-o", "json");
        Assert.True(got.ExitCode == 0, got.ToString());
        var items = JsonNode.Parse(got.Stdout)!["items"]!.AsArray();
        Assert.Contains(items, i => (string?)i!["kind"] == "Deployment" && (int?)i["spec"]?["replicas"] == 2);
        Assert.Contains(items, i => (string?)i!["kind"] == "Service" && ((string?)i["spec"]?["clusterIP"])!.StartsWith("10.43.", StringComparison.Ordinal));
        Assert.Contains(items, i => (string?)i!["kind"] == "ConfigMap" && (string?)i["data"]?["greeting"] == "hello");

        var conflict = await kubectl.RunAsync("apply", "--server-side", "--field-manager=ops-team", "-f", scaled);
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas", conflict.Stderr);
        Assert.Equal(2, (int?)cluster.Get("apps/v1", "Deployment", "pos", "web")!["spec"]?["replicas"]);

        var forced = await kubectl.RunAsync("apply", "--server-side", "--field-manager=ops-team", "--force-conflicts", "-f", scaled);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal(5, (int?)cluster.Get("apps/v1", "Deployment", "pos", "web")!["spec"]?["replicas"]);

        var deleted = await kubectl.RunAsync("delete", "-f", app);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Null(cluster.Get("v1", "Namespace", null, "pos"));
        Assert.Null(cluster.Get("apps/v1", "Deployment", "pos", "web"));
        Assert.Empty(cluster.List("v1", "ConfigMap", "pos"));
    }

    [Fact]
    public async Task ServerSideDryRunStoresNothing()
    {
        var cluster = fixture.NewCluster();
        using var kubectl = new Kubectl(cluster);

        var result = await kubectl.RunAsync("apply", "--server-side", "--dry-run=server", "-f", TestData.PathOf("configmap.yaml"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("serverside-applied (server dry run)", result.Stdout);
        Assert.Null(cluster.Get("v1", "ConfigMap", "default", "settings"));
    }

    [Fact]
    public async Task RolloutStatusAndWaitFollowTheSimulatedRollout()
    {
        var cluster = fixture.NewCluster();
        using var kubectl = new Kubectl(cluster);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "-f", TestData.PathOf("deployment.yaml"))).ExitCode);

        var rollout = await kubectl.RunAsync("rollout", "status", "deployment/web", "--timeout=20s");
        var wait = await kubectl.RunAsync("wait", "--for=condition=Available", "deployment/web", "--timeout=20s");

        Assert.True(rollout.ExitCode == 0, rollout.ToString());
        Assert.Contains("successfully rolled out", rollout.Stdout);
        Assert.True(wait.ExitCode == 0, wait.ToString());
    }

    [Fact]
    public async Task PlainGetPatchLabelAndScaleWork()
    {
        var cluster = fixture.NewCluster();
        using var kubectl = new Kubectl(cluster);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "-f", TestData.PathOf("deployment.yaml"))).ExitCode);

        var get = await kubectl.RunAsync("get", "deploy", "web");
        var label = await kubectl.RunAsync("label", "deployment", "web", "drift=yes");
        var patch = await kubectl.RunAsync("patch", "deployment", "web", "-p", """{"spec":{"replicas":1}}""");
        var byLabel = await kubectl.RunAsync("get", "deployments", "-l", "drift=yes,tier in (frontend)", "-o", "name");

        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Contains("web", get.Stdout);
        Assert.True(label.ExitCode == 0, label.ToString());
        Assert.True(patch.ExitCode == 0, patch.ToString());
        Assert.Equal("deployment.apps/web", byLabel.Stdout.Trim());
        var live = cluster.Get("apps/v1", "Deployment", "default", "web")!;
        Assert.Equal(1, (int?)live["spec"]?["replicas"]);
        Assert.NotNull(Nodes.ManagedBy(live, "kubectl-patch", "Update"));
        Assert.NotNull(Nodes.ManagedBy(live, "kubectl-label", "Update"));
    }
}
