using System.Diagnostics;
using System.Net;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Hosting;
using FleetOps.EdgeAgent.Reconcile;
using FleetOps.EdgeAgent.State;
using FleetOps.KubeEmulator;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Network;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet.Server;

namespace FleetOps.Benchmarks;

/// <summary>
/// Edge agent figures from DESIGN.md: resident memory of the real agent process in steady state
/// (<c>agent-rss</c>) and the time of a no-op reconcile (<c>agent-noop</c>), both against the in-process
/// Kubernetes emulator over HTTP, a real git repository and (for rss) a real MQTT broker.
/// </summary>
public static class AgentBenchmarks
{
    public static async Task<int> RssAsync(string[] args)
    {
        var agentPath = Arg(args, "--agent") ?? throw new ArgumentException("--agent PATH (the published fleetops-agent, or fleetops-agent.dll) is required");
        var seconds = int.Parse(Arg(args, "--seconds") ?? "600");
        var objects = int.Parse(Arg(args, "--objects") ?? "50");
        var interval = int.Parse(Arg(args, "--interval") ?? "60");
        var metricsPort = Arg(args, "--metrics-port") is { } p ? int.Parse(p) : (int?)null;
        using var work = new TempDir("fleetops-bench");
        await using var emulator = new KubeEmulatorServer();
        await emulator.StartAsync();
        var cluster = emulator.Cluster("bench-store");
        var port = FreePort.Next();
        var broker = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder().WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
        await broker.StartAsync();
        try
        {
            var (url, branch, revision) = MakeRepository(work.Sub("remote"), objects);
            var dataDir = work.Sub("agent");
            Seed(dataDir, "bench-store", url, branch, revision, interval);
            var info = new ProcessStartInfo(agentPath.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : agentPath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (agentPath.EndsWith(".dll", StringComparison.Ordinal))
                info.ArgumentList.Add(agentPath);
            info.Environment["FLEETOPS_CLUSTER_ID"] = "bench-store";
            info.Environment["FLEETOPS_DATA_DIR"] = dataDir;
            info.Environment["FLEETOPS_KUBECONFIG"] = cluster.WriteKubeconfig(work.Sub("kubeconfig"));
            info.Environment["FLEETOPS_BROKER"] = $"mqtt://127.0.0.1:{port}";
            info.Environment["FLEETOPS_TOKEN"] = "bench";
            info.Environment["FLEETOPS_SOURCE_URL"] = url;
            info.Environment["FLEETOPS_SOURCE_BRANCH"] = branch;
            info.Environment["Logging__LogLevel__Default"] = "Warning";
            if (metricsPort is { } port1)
                info.Environment["FLEETOPS_METRICS_PORT"] = port1.ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var agent = Process.Start(info)!;
            using var scraper = new HttpClient();
            agent.OutputDataReceived += (_, _) => { };
            agent.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"agent: {e.Data}"); };
            agent.BeginOutputReadLine();
            agent.BeginErrorReadLine();
            Console.WriteLine($"agent-rss: pid {agent.Id}, {objects} objects, interval {interval}s, sampling VmRSS every 10 s for {seconds} s");
            var samples = new List<long>();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(seconds) && !agent.HasExited)
            {
                await Task.Delay(TimeSpan.FromSeconds(10));
                // With metrics on, scraped before each sample as Prometheus would, so the exporter's cost is in the figure.
                var scraped = metricsPort is { } port2 ? $" scrape={await ScrapeAsync(scraper, port2)}" : "";
                var rss = (long)Math.Round(Machine.Memory(agent.Id).Rss * 1024);
                samples.Add(rss);
                Console.WriteLine($"  t={clock.Elapsed.TotalSeconds,5:0}s VmRSS={rss / 1024.0,6:0.0} MiB objects in cluster={cluster.ObjectCount}{scraped}");
            }
            if (agent.HasExited)
            {
                Console.Error.WriteLine($"agent exited early with code {agent.ExitCode}");
                return 1;
            }
            // Where the last sample's pages are, for whoever takes the footprint further (README, "Footprint").
            Console.WriteLine($"agent-rss breakdown at the end:\n{ResidentBreakdown.Describe(agent.Id, Path.GetFullPath(agentPath))}");
            agent.Kill();
            Console.WriteLine($"agent-rss result: final {samples[^1] / 1024.0:0.0} MiB, max {samples.Max() / 1024.0:0.0} MiB, min {samples.Min() / 1024.0:0.0} MiB over {samples.Count} samples (target 48 MiB)");
            return 0;
        }
        finally
        {
            await broker.StopAsync();
            broker.Dispose();
        }
    }

    private static async Task<string> ScrapeAsync(HttpClient http, int port)
    {
        try
        {
            return $"{(await http.GetStringAsync($"http://127.0.0.1:{port}/metrics")).Length} bytes";
        }
        catch (HttpRequestException e)
        {
            return $"failed ({e.Message})";
        }
    }

    public static async Task<int> NoopAsync(string[] args)
    {
        var objects = int.Parse(Arg(args, "--objects") ?? "200");
        var runs = int.Parse(Arg(args, "--runs") ?? "20");
        using var work = new TempDir("fleetops-bench");
        await using var emulator = new KubeEmulatorServer();
        await emulator.StartAsync();
        var cluster = emulator.Cluster("bench-noop");
        var (url, branch, revision) = MakeRepository(work.Sub("remote"), objects);
        var options = AgentOptions.Default with
        {
            ClusterId = "bench-noop",
            DataDir = work.Sub("agent"),
            Kubeconfig = cluster.WriteKubeconfig(work.Sub("kubeconfig")),
            ReconcileInterval = TimeSpan.FromHours(1),
            Source = new SourceRef(url, branch),
        };
        await using var agent = EdgeAgentHost.Create(options);
        var target = new GroupTarget(new DesiredGroup("bench", "bench/overlay", revision, "sha256:bench"), 1, TimeSpan.FromHours(1));
        var reconciler = agent.Services.GetRequiredService<GroupReconciler>();
        var first = await reconciler.ReconcileGroupAsync(target, CancellationToken.None);
        Console.WriteLine($"agent-noop: first apply of {objects} objects: {first.Phase} {first.Message}");
        var times = new List<double>();
        var cpu = new List<double>();
        var process = Process.GetCurrentProcess();
        cluster.ClearRequests();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var status = await reconciler.ReconcileGroupAsync(target, CancellationToken.None);
            times.Add(clock.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            if (status.Phase != Phase.Converged || reconciler.LastChangeSet("bench")!.HasWrites)
                throw new InvalidOperationException($"run {i} was not a no-op: {status.Phase} {status.Message}");
        }
        // The drift check must hold on values the server rewrites without asking it: reads only, no dry run.
        var requests = cluster.Requests;
        if (cluster.WriteRequestCount > 0 || requests.Any(r => r.DryRun))
            throw new InvalidOperationException($"the no-op runs sent {cluster.WriteRequestCount} writes and {requests.Count(r => r.DryRun)} dry runs");
        var perRun = string.Join(", ", requests.GroupBy(r => r.Verb).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count() / (double)runs:0.#} {g.Key}"));
        times.Sort();
        cpu.Sort();
        // CPU time of the whole process (agent and in-process emulator alike): on a shared machine it moves far
        // less with other people's load than the wall-clock figures do.
        Console.WriteLine($"agent-noop result: {objects} objects, {runs} runs: median {times[times.Count / 2]:0} ms, p90 {times[(int)(times.Count * 0.9)]:0} ms, max {times[^1]:0} ms (target 250 ms at 1,000 objects); "
            + $"CPU median {cpu[cpu.Count / 2]:0} ms (agent and emulator); per run {perRun}, no dry run, no write; load average {Machine.LoadAverage()}");
        return 0;
    }

    // A kustomize overlay over a base of n objects: a namespace, then Deployments, Services and ConfigMaps, written
    // as people write them and as an API server rewrites them (cpu 0.5, 1024Mi, a port without protocol, empty maps).
    private static (string Url, string Branch, string Revision) MakeRepository(string path, int n)
    {
        var repository = GitRepo.Create(path);
        var files = new List<string> { "namespace.yaml" };
        repository.Write("bench/base/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench\n");
        for (var i = 1; i < n; i++)
        {
            var name = $"obj-{i:000}.yaml";
            files.Add(name);
            repository.Write($"bench/base/{name}", (i % 5) switch
            {
                0 => $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-{i}\n  namespace: bench\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: app-{i}\n  template:\n    metadata:\n      labels:\n        app: app-{i}\n    spec:\n      containers:\n        - name: app\n          image: registry.example/app:{i}\n          env:\n            - name: STORE\n              value: ${{cluster.id}}\n          ports:\n            - containerPort: 8080\n          resources:\n            requests:\n              cpu: 0.5\n              memory: 1024Mi\n",
                1 => $"apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-{i}\n  namespace: bench\nspec:\n  selector:\n    app: app-{i}\n  ports:\n    - port: 80\n      targetPort: 8080\n",
                _ => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-{i}\n  namespace: bench\n  annotations: {{}}\ndata:\n  store: ${{cluster.id}}\n  value: \"{i}\"\n",
            });
        }
        repository.Write("bench/base/kustomization.yaml", "resources:\n" + string.Concat(files.Select(f => $"  - {f}\n")));
        repository.Write("bench/overlay/kustomization.yaml", "resources:\n  - ../base\ncommonLabels:\n  tier: store\n");
        var revision = repository.Commit("bench");
        return (repository.Url, repository.Branch, revision);
    }

    private static void Seed(string dataDir, string clusterId, string url, string branch, string revision, int interval)
    {
        using var store = new LiteAgentStore(dataDir, clusterId, 10_000, TimeProvider.System);
        store.SaveDesired(new DesiredMessage(1, clusterId, 1, new SourceRef(url, branch),
            [new DesiredGroup("bench", "bench/overlay", revision, "sha256:bench")], interval, DateTimeOffset.UtcNow));
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
