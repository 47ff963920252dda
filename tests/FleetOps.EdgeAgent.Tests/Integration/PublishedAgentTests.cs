using FleetOps.EdgeAgent.State;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Network;
using FleetOps.Testing.Polling;

namespace FleetOps.EdgeAgent.Tests.Integration;

/// <summary>
/// The trimmed single-file agent, published as README says: it fetches, renders (kustomize), applies to a cluster
/// through KubernetesClient's kubeconfig loading, journals in LiteDB and reports over mqtts verified with a CA file,
/// all from the trimmed assemblies. A trim that removes something one of those needs breaks here, not on a store.
/// </summary>
public sealed class PublishedAgentTests(EmulatorFixture emulator, PublishedAgent published) : IClassFixture<EmulatorFixture>, IClassFixture<PublishedAgent>
{
    [Fact]
    public async Task ThePublishedAgentConvergesAGroupAndTellsTheHub()
    {
        // mqtts verified against a CA file, as a store connects: the trimmed TLS and certificate paths run too.
        var ca = TestCertificates.Ca("The hub's CA");
        await using var broker = await TestBroker.StartAsync(TestCertificates.Server(ca));
        await using var hub = await TestHub.ConnectAsync(broker);
        using var data = new TempDir();
        using var repo = new GitRepo();
        var clusterId = $"published-{Guid.NewGuid():N}"[..20];
        var cluster = emulator.Server.Cluster(clusterId);
        var dataDir = data.Sub("agent");
        var revision = repo.CopyFrom("shop", "shop").Commit();
        using (var seed = new LiteAgentStore(dataDir, clusterId, 10_000, TimeProvider.System))
        {
            seed.SaveDesired(new DesiredMessage(1, clusterId, 1, new SourceRef(repo.Url, repo.Branch),
                [new DesiredGroup("shop", "shop/overlays/store", revision, "sha256:test")], 60, DateTimeOffset.UtcNow,
                new Dictionary<string, string> { ["region"] = "east" }));
        }

        using var agent = AgentProcess.Start(new Dictionary<string, string>
        {
            ["FLEETOPS_CLUSTER_ID"] = clusterId,
            ["FLEETOPS_DATA_DIR"] = dataDir,
            ["FLEETOPS_KUBECONFIG"] = cluster.WriteKubeconfig(data.Sub("kubeconfig")),
            ["FLEETOPS_BROKER"] = broker.TlsUri.ToString(),
            ["FLEETOPS_BROKER_CA"] = data.Write("ca.crt", ca.ExportCertificatePem()),
            ["FLEETOPS_TOKEN"] = "token",
            ["FLEETOPS_SOURCE_URL"] = repo.Url,
            ["FLEETOPS_HEALTH_TIMEOUT"] = "30",
        }, published.Executable);
        try
        {
            await Eventually.UntilAsync(() => agent.HasExited || hub.Journal(clusterId).Any(e => e.Kind == JournalEventKinds.Converged && e.Group == "shop"),
                () => $"the published agent converges shop:\n{agent.Output}", TimeSpan.FromSeconds(90));
            Assert.False(agent.HasExited, agent.Output);
            // ${cluster.id} and the hub's labels filled in by the trimmed agent, as the build output does.
            var settings = cluster.Get("v1", "ConfigMap", "shop", "settings");
            Assert.Equal(clusterId, settings?["data"]?["store"]?.GetValue<string>());
            Assert.Equal("east", settings?["data"]?["region"]?.GetValue<string>());
        }
        finally
        {
            emulator.Server.RemoveCluster(clusterId);
        }
    }
}
