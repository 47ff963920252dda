using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>
/// The real kubectl moving an object from client-side to server-side apply: kubectl 1.26+ hands the ownership of
/// <c>kubectl-client-side-apply</c> to its SSA manager with a JSON patch of managedFields, and the server lets the
/// <c>kubectl</c> manager take over what the last-applied annotation holds.
/// </summary>
public sealed class KubectlMigrationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    [Fact]
    public async Task ServerSideApplyAfterClientSideApplyKeepsDataAndLabelsAndMigratesOwnership()
    {
        var cluster = fixture.NewCluster();
        using var kubectl = new Kubectl(cluster);
        var created = await kubectl.RunAsync("apply", "-f", TestData.PathOf("configmap.yaml"));
        Assert.True(created.ExitCode == 0, created.ToString());

        var migrated = await kubectl.RunAsync("apply", "--server-side", "-f", TestData.PathOf("configmap.yaml"));
        var live = cluster.Get("v1", "ConfigMap", "default", "settings")!;

        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        Assert.Equal("", migrated.Stderr);
        Assert.Equal("EUR", (string?)live["data"]?["currency"]);
        Assert.Equal("de-DE", (string?)live["data"]?["locale"]);
        Assert.Equal("pos", (string?)live["metadata"]?["labels"]?["app"]);
        Assert.Null(Nodes.ManagedBy(live, "kubectl-client-side-apply", "Update"));
        Assert.True(Nodes.Owns(live, "kubectl", "f:data", "f:locale"));
        Assert.True(Nodes.Owns(live, "kubectl", "f:metadata", "f:labels", "f:app"));
        Assert.True(Nodes.Owns(live, "kubectl-last-applied", "f:metadata", "f:annotations", "f:" + LastApplied));
        Assert.Equal(
            [
                "create  kubectl-client-side-apply 201",
                "patch application/apply-patch+yaml kubectl 200",
                "patch application/apply-patch+yaml kubectl-last-applied 200",
                "patch application/json-patch+json kubectl 200",
                "patch application/apply-patch+yaml kubectl 200",
            ],
            cluster.Requests.Where(r => r.IsWrite).Select(r => $"{r.Verb} {r.PatchType} {r.FieldManager} {r.StatusCode}"));
    }

    [Fact]
    public async Task AfterTheMigrationServerSideApplyChangesAndRemovesWhatClientSideApplyHadSet()
    {
        var cluster = fixture.NewCluster();
        using var kubectl = new Kubectl(cluster);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "-f", TestData.PathOf("configmap.yaml"))).ExitCode);

        var next = await kubectl.RunAsync("apply", "--server-side", "-f", TestData.PathOf("configmap-next.yaml"));
        var live = cluster.Get("v1", "ConfigMap", "default", "settings")!;
        var lastApplied = JsonNode.Parse((string)live["metadata"]!["annotations"]![LastApplied]!)!;

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal("CHF", (string?)live["data"]?["currency"]);
        Assert.Null(live["data"]?["locale"]);
        Assert.Equal("pos", (string?)live["metadata"]?["labels"]?["app"]);
        Assert.Equal("CHF", (string?)lastApplied["data"]?["currency"]);
        Assert.Null(lastApplied["data"]?["locale"]);
    }

    [Fact]
    public async Task AnotherManagerStillConflictsWithWhatClientSideApplySet()
    {
        var cluster = fixture.NewCluster();
        using var kubectl = new Kubectl(cluster);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "-f", TestData.PathOf("configmap.yaml"))).ExitCode);

        var other = await kubectl.RunAsync("apply", "--server-side", "--field-manager=ops-team", "-f", TestData.PathOf("configmap-next.yaml"));

        Assert.NotEqual(0, other.ExitCode);
        Assert.Contains("conflict with \"kubectl-client-side-apply\" using v1: .data.currency", other.Stderr);
        Assert.Equal("EUR", (string?)cluster.Get("v1", "ConfigMap", "default", "settings")!["data"]?["currency"]);
    }
}
