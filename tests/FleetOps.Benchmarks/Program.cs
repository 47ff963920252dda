using FleetOps.Benchmarks;

// Benchmarks are added by the issues that measure something; each prints its figures and the command to rerun it.
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["hub-ingest"] = HubIngestBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: fleetops-bench <benchmark> [options]; benchmarks: {string.Join(", ", benchmarks.Keys)}");
    return 2;
}
return await run(args[1..]);
