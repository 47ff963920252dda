using System.Diagnostics;
using System.Text.Json.Nodes;
using FleetOps.Shared.Kubernetes;
using FleetOps.Shared.Rendering;
using FleetOps.Testing.Files;

namespace FleetOps.Benchmarks;

/// <summary>
/// The hub's preflight cost: KubernetesSchema.Check over a commit's rendered objects (Deployments with resources,
/// probes and env, Services, ConfigMaps, Jobs, Ingresses), as the renderer hands them over. Prints the median of
/// several rounds, wall time and this process's CPU time (the machine may be shared).
/// </summary>
public static class SchemaCheckBenchmark
{
    private const int Rounds = 15;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = new BenchmarkArgs(args).Int("objects", 1_000);
        var objects = await RenderAsync(count);
        var check = Measure(objects, o => KubernetesSchema.Check(o).Errors.Count);
        var normalize = Measure(objects, o => KubernetesSchema.Check(o).Normalized.Count);
        Console.WriteLine($"schema-check: objects={count} check_ms={check.Wall:0.0} check_cpu_ms={check.Cpu:0.0} check_and_normalize_ms={normalize.Wall:0.0} check_and_normalize_cpu_ms={normalize.Cpu:0.0} (median of {Rounds})");
        Console.WriteLine($"command: dotnet run -c Release --project tests/FleetOps.Benchmarks -- schema-check --objects {count}");
        return 0;
    }

    private static (double Wall, double Cpu) Measure(List<JsonObject> objects, Func<JsonObject, int> check)
    {
        var process = Process.GetCurrentProcess();
        var rounds = new List<(double Wall, double Cpu)>();
        for (var round = 0; round < Rounds + 3; round++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var sum = objects.Sum(check);
            wall.Stop();
            process.Refresh();
            if (round >= 3 && sum >= 0)
                rounds.Add((wall.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds));
        }

        return (rounds.Select(r => r.Wall).Order().ElementAt(Rounds / 2), rounds.Select(r => r.Cpu).Order().ElementAt(Rounds / 2));
    }

    private static async Task<List<JsonObject>> RenderAsync(int count)
    {
        using var folder = new TempDir("schema-check");
        for (var i = 0; i < count; i++)
            folder.Write($"object-{i:D5}.yaml", Manifest(i));

        var result = await new Renderer(RenderOptions.Default, TimeProvider.System).RenderAsync(folder.Path, ".");
        return result.IsOk ? result.Set.Objects.Select(o => o.ToJsonObject()).ToList() : throw new InvalidOperationException(result.Error.ToString());
    }

    private static string Manifest(int i) => ((i % 5) switch
    {
        0 or 1 => Deployment,
        2 => Service,
        3 => ConfigMap,
        _ => Job,
    }).Replace("NNN", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app-NNN, namespace: bench, labels: {app: app-NNN}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: app-NNN}}
          template:
            metadata: {labels: {app: app-NNN}}
            spec:
              containers:
                - name: app
                  image: registry.example/app:NNN
                  ports: [{containerPort: 8080, name: http}]
                  env: [{name: STORE, value: store-1}, {name: MODE, value: fast}]
                  resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 0.5, memory: 256Mi}}
                  readinessProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 10}
        """;

    private const string Service = """
        apiVersion: v1
        kind: Service
        metadata: {name: svc-NNN, namespace: bench}
        spec:
          selector: {app: app-NNN}
          ports: [{name: http, port: 80, targetPort: http}]
        """;

    private const string ConfigMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: config-NNN, namespace: bench}
        data: {store: store-1, value: "NNN"}
        """;

    private const string Job = """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: job-NNN, namespace: bench}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: migrate, image: registry.example/migrate:NNN, args: [--to, latest]}]
        """;
}
