using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>The real kubectl's validation modes against the emulator's schema: what a store's API server would answer.</summary>
public sealed class KubectlSchemaTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static string Misspelt => TestData.PathOf("schema", "deployment-misspelt.yaml");

    [Fact]
    public async Task ServerSideApplyWithStrictValidationIsRefusedForItsUnknownFields()
    {
        var cluster = fixture.NewCluster();
        using var kubectl = new Kubectl(cluster);

        var result = await kubectl.RunAsync("apply", "--server-side", "--validate=strict", "-f", Misspelt);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("failed to create typed patch object (default/web; apps/v1, Kind=Deployment)", result.Stderr);
        Assert.Contains(".spec.replica: field not declared in schema", result.Stderr);
        Assert.Null(cluster.Get("apps/v1", "Deployment", "default", "web"));
    }

    [Fact]
    public async Task ClientSideApplyWithItsDefaultStrictValidationIsABadRequest()
    {
        var cluster = fixture.NewCluster();
        using var kubectl = new Kubectl(cluster);

        var result = await kubectl.RunAsync("apply", "-f", Misspelt);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(
            "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replica\", "
            + "unknown field \"spec.template.spec.containers[0].unknownNested\"", result.Stderr);
    }

    [Fact]
    public async Task WarnValidationCreatesWithKubectlPrintingTheServersWarnings()
    {
        var cluster = fixture.NewCluster();
        using var kubectl = new Kubectl(cluster);

        var result = await kubectl.RunAsync("create", "--validate=warn", "-f", Misspelt);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Warning: unknown field \"spec.replica\"", result.Stderr);
        Assert.Contains("Warning: unknown field \"spec.template.spec.containers[0].unknownNested\"", result.Stderr);
    }

    [Fact]
    public async Task ApplyWithoutValidationStoresTheNormalizedObjectWithoutUnknownFields()
    {
        var cluster = fixture.NewCluster();
        using var kubectl = new Kubectl(cluster);

        var applied = await kubectl.RunAsync("apply", "--validate=false", "-f", Misspelt);
        var cpu = await kubectl.RunAsync("get", "deployment", "web", "-o", "jsonpath={.spec.template.spec.containers[0].resources.requests.cpu}");
        var memory = await kubectl.RunAsync("get", "deployment", "web", "-o", "jsonpath={.spec.template.spec.containers[0].resources.requests.memory}");
        var annotations = await kubectl.RunAsync("get", "deployment", "web", "-o", "jsonpath={.metadata.annotations}");

        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.DoesNotContain("Warning", applied.Stderr);
        Assert.Equal("500m", cpu.Stdout);
        Assert.Equal("1Gi", memory.Stdout);
        // Client-side apply records its last-applied annotation; the manifest's empty annotations are not stored as such.
        Assert.Contains("kubectl.kubernetes.io/last-applied-configuration", annotations.Stdout);
        var stored = cluster.Get("apps/v1", "Deployment", "default", "web")!;
        Assert.False(stored["spec"]!.AsObject().ContainsKey("replica"));
    }
}
