using System.Diagnostics;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Agents;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;

namespace FleetOps.Benchmarks;

/// <summary>
/// hub-ingest: N simulated clusters register through the API, connect over real MQTT, say hello, wait
/// for their desired state, then each reports a status and B journal batches. The run passes only
/// when every cluster is Converged in the hub and every journal event is acknowledged. Prints the
/// ingest rate and the hub's resident memory.
/// </summary>
public static class HubIngestBenchmark
{
    private const string AdminToken = "bench-admin-token-0123456789";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchmarkArgs(args);
        var clusters = options.Int("clusters", 1000);
        var batches = options.Int("journal-batches", 5);
        var eventsPerBatch = options.Int("events-per-batch", 10);
        var parallelism = options.Int("parallelism", 64);

        using var root = new TempDir("fleetops-bench", Environment.GetEnvironmentVariable("FLEETOPS_BENCH_DIR"));
        var repository = CreateRepository(root.Sub("repo"));
        using var hub = HubProcess.Start(root.Sub("data"), repository.Url, AdminToken);
        using var api = HubClients.For(new Uri($"http://127.0.0.1:{hub.HttpPort}/"), AdminToken);
        await Eventually.UntilAsync(() => api.IsReadyAsync(default), "the hub is ready", TimeSpan.FromSeconds(60));
        await api.RefreshAsync(default);
        Console.WriteLine($"hub pid {hub.Id}: http {hub.HttpPort}, mqtt {hub.MqttPort}; {clusters} clusters, {batches}x{eventsPerBatch} journal events each");

        var setup = Stopwatch.StartNew();
        var agents = new SimulatedAgent[clusters];
        await Parallel.ForEachAsync(Enumerable.Range(0, clusters), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
        {
            var id = $"store-{i:D5}";
            var labels = new Dictionary<string, string> { ["region"] = i % 2 == 0 ? "east" : "west" };
            var registration = await api.RegisterAsync(new RegisterClusterRequest(id, labels), default);
            var agent = new SimulatedAgent(id, registration.Token, "127.0.0.1", hub.MqttPort);
            if (await agent.ConnectAsync() != MQTTnet.MqttClientConnectResultCode.Success)
                throw new InvalidOperationException($"{id} could not connect");
            await agent.SayHelloAsync(labels);
            agents[i] = agent;
        });
        await Eventually.UntilAsync(() => agents.All(a => a.LatestDesired is { Groups.Count: 2 }), "every cluster has its desired state", Patience);
        var setupSeconds = setup.Elapsed.TotalSeconds;
        var afterSetup = hub.Memory();

        var cpuBefore = hub.CpuSeconds();
        var ingest = Stopwatch.StartNew();
        await Parallel.ForEachAsync(agents, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (agent, _) =>
        {
            await agent.ReportAsync(Phase.Converged);
            for (var b = 0; b < batches; b++)
                await agent.JournalAsync(eventsPerBatch);
        });
        var expectedSeq = (long)batches * eventsPerBatch;
        await Eventually.UntilAsync(() => Task.FromResult(agents.All(a => a.AckedSeq == expectedSeq)),
            () => $"every journal event is acknowledged ({agents.Count(a => a.AckedSeq != expectedSeq)} clusters short)", Patience);
        await Eventually.UntilAsync(async () => (await api.GetFleetAsync(default)).Clusters.Converged == clusters, "every cluster is Converged", Patience);
        var ingestSeconds = ingest.Elapsed.TotalSeconds;
        var memory = hub.Memory();
        var cpu = hub.CpuSeconds() - cpuBefore;

        var messages = clusters * (1 + batches);
        Console.WriteLine($"setup (register + connect + presence + hello + desired): {setupSeconds:F1} s for {clusters} clusters ({clusters * 2 / setupSeconds:F0} msg/s in)");
        Console.WriteLine($"ingest: {messages} messages ({clusters} status + {clusters * batches} journal, {clusters * expectedSeq} events) in {ingestSeconds:F2} s = {messages / ingestSeconds:F0} messages/s, {clusters * expectedSeq / ingestSeconds:F0} events/s");
        Console.WriteLine($"hub CPU during ingest: {cpu:F1} s ({cpu / ingestSeconds * 100:F0}% of one core, {cpu * 1000 / messages:F2} ms per message)");
        Console.WriteLine($"lost: 0 (every cluster Converged, every journal acknowledged at seq {expectedSeq})");
        Console.WriteLine($"hub resident memory: {afterSetup.Rss:F0} MiB after setup, {memory.Rss:F0} MiB after ingest, peak {memory.Peak:F0} MiB");
        Console.WriteLine($"rerun: dotnet run -c Release --project tests/FleetOps.Benchmarks -- hub-ingest --clusters {clusters} --journal-batches {batches} --events-per-batch {eventsPerBatch}");

        foreach (var agent in agents)
            await agent.DisposeAsync();
        return 0;
    }

    private static GitRepo CreateRepository(string path)
    {
        var repository = GitRepo.Create(path).Write("fleet.yaml", """
            apiVersion: fleetops/v1
            groups:
              - name: platform
                path: platform
                selector: {}
              - name: pos-east
                path: pos/east
                selector:
                  matchLabels: {region: east}
              - name: pos-west
                path: pos/west
                selector:
                  matchLabels: {region: west}
            """).Write("platform/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: store-platform\n");
        foreach (var region in new[] { "east", "west" })
            repository.Write($"pos/{region}/config.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pos\n  namespace: store-platform\ndata:\n  region: {region}\n");
        repository.Commit("Benchmark fleet");
        return repository;
    }
}
