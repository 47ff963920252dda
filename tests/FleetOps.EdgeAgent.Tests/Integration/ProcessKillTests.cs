using FleetOps.EdgeAgent.State;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Polling;

namespace FleetOps.EdgeAgent.Tests.Integration;

/// <summary>The real fleetops-agent binary, SIGKILLed in the middle of its work and restarted while offline.</summary>
public sealed class ProcessKillTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task KilledMidWorkAndRestartedOfflineItReusesNoSeqAndLosesNoEvent()
    {
        await using var broker = await TestBroker.StartAsync();
        var firstHub = await TestHub.ConnectAsync(broker);
        using var data = new TempDir();
        using var repo = new GitRepo();
        var clusterId = $"kill-{Guid.NewGuid():N}"[..16];
        var cluster = emulator.Server.Cluster(clusterId);
        var dataDir = data.Sub("agent");
        var revision = repo.CopyFrom("shop", "shop").Commit();

        // The desired state as the link would have stored it: the agent resumes from it at start.
        using (var seed = new LiteAgentStore(dataDir, clusterId, 10_000, TimeProvider.System))
        {
            seed.SaveDesired(new DesiredMessage(1, clusterId, 1, new SourceRef(repo.Url, repo.Branch),
                [new DesiredGroup("shop", "shop/overlays/store", revision, "sha256:test")], 1, DateTimeOffset.UtcNow));
        }
        var environment = new Dictionary<string, string>
        {
            ["FLEETOPS_CLUSTER_ID"] = clusterId,
            ["FLEETOPS_DATA_DIR"] = dataDir,
            ["FLEETOPS_KUBECONFIG"] = cluster.WriteKubeconfig(data.Sub("kubeconfig")),
            ["FLEETOPS_BROKER"] = broker.Uri.ToString(),
            ["FLEETOPS_TOKEN"] = "token",
            ["FLEETOPS_SOURCE_URL"] = repo.Url,
            ["FLEETOPS_HEALTH_TIMEOUT"] = "30",
        };

        // Someone keeps deleting an object, so every interval the agent corrects drift and journals it.
        using var stopTampering = new CancellationTokenSource();
        var tampering = Task.Run(async () =>
        {
            while (!stopTampering.IsCancellationRequested)
            {
                cluster.Delete("v1", "ConfigMap", "shop", "menu");
                await Task.Delay(200);
            }
        });

        var first = AgentProcess.Start(environment);
        try
        {
            await Eventually.UntilAsync(() => firstHub.Journal(clusterId).Count(e => e.Kind == JournalEventKinds.DriftCorrected) >= 2,
                "the first process corrects drift while online", TimeSpan.FromSeconds(60));
            await firstHub.DisposeAsync();
            await broker.StopAsync();
            var writes = cluster.WriteRequestCount;
            await Eventually.UntilAsync(() => cluster.WriteRequestCount > writes + 6, "the first process keeps working offline", TimeSpan.FromSeconds(60));
            await first.KillAsync();

            using var second = AgentProcess.Start(environment);
            writes = cluster.WriteRequestCount;
            await Eventually.UntilAsync(() => cluster.WriteRequestCount > writes + 6, "the restarted process works offline", TimeSpan.FromSeconds(60));
            await stopTampering.CancelAsync();
            await tampering;

            await broker.StartAgainAsync();
            await using var hub = await TestHub.ConnectAsync(broker);
            var seenBefore = firstHub.Journal(clusterId);
            await Eventually.UntilAsync(
                () => hub.Journal(clusterId).Count(e => e.Kind == JournalEventKinds.AgentStarted) == 2
                    && hub.Journal(clusterId).Any(e => e.Kind == JournalEventKinds.Connected && e.Seq > seenBefore.Max(s => s.Seq)),
                "the restarted process sends its whole journal", TimeSpan.FromSeconds(60));

            var all = seenBefore.Concat(hub.Journal(clusterId)).GroupBy(e => e.Seq).ToList();
            Assert.All(all, g => Assert.Single(g.Distinct()));
            var received = hub.Journal(clusterId).DistinctBy(e => e.Seq).Select(e => e.Seq).ToList();
            Assert.Equal(Enumerable.Range(1, received.Count).Select(i => (long)i), received);
            Assert.All(seenBefore, e => Assert.Contains(e, hub.Journal(clusterId)));
            Assert.True(hub.Journal(clusterId).Count(e => e.Kind == JournalEventKinds.DriftCorrected) > seenBefore.Count(e => e.Kind == JournalEventKinds.DriftCorrected),
                "events written offline by both processes arrive");
        }
        finally
        {
            first.Dispose();
            emulator.Server.RemoveCluster(clusterId);
        }
    }
}
