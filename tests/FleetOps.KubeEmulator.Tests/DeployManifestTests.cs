using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>The Kubernetes manifests FleetOps ships, applied as an operator would: the real kubectl against the emulator, which checks them against the API's types.</summary>
public sealed class DeployManifestTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task TheHubManifestAppliesAsTwoReadinessCheckedSilosBehindAServiceAndADisruptionBudget()
    {
        var cluster = fixture.NewCluster();
        using var kubectl = new Kubectl(cluster);

        var applied = await kubectl.RunAsync("apply", "--server-side", "-f", Checkout.PathOf("hub", "deploy", "kubernetes", "fleetops-hub.yaml"));

        Assert.True(applied.ExitCode == 0, applied.ToString());
        var deployment = cluster.Get("apps/v1", "Deployment", "fleetops", "fleetops-hub")!;
        Assert.True((int?)deployment["spec"]?["replicas"] >= 2);
        var hub = deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!;
        Assert.Equal("/readyz", (string?)hub["readinessProbe"]?["httpGet"]?["path"]);
        Assert.Contains(hub["env"]!.AsArray(), e => (string?)e!["name"] == "Hub__Orleans__AdvertisedAddress");
        Assert.Equal(["--init-database"], deployment["spec"]!["template"]!["spec"]!["initContainers"]![0]!["args"]!.AsArray().Select(a => (string?)a));
        Assert.Equal(1, (int?)cluster.Get("policy/v1", "PodDisruptionBudget", "fleetops", "fleetops-hub")!["spec"]?["minAvailable"]);
        Assert.NotNull(cluster.Get("v1", "Service", "fleetops", "fleetops-hub"));
        Assert.IsType<JsonObject>(cluster.Get("v1", "Secret", "fleetops", "fleetops-hub"));
    }
}
