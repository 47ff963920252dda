using FleetOps.Benchmarks;
using FleetOps.Benchmarks.AgentFetch;
using FleetOps.Benchmarks.FleetAgents;
using FleetOps.Benchmarks.FleetScale;

// Benchmarks are added by the issues that measure something; each prints its figures and the command to rerun it.
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["hub-ingest"] = HubIngestBenchmark.RunAsync,
    ["agent-rss"] = AgentBenchmarks.RssAsync,
    ["agent-noop"] = AgentBenchmarks.NoopAsync,
    ["rollout-book"] = RolloutBookBenchmark.RunAsync,
    ["schema-check"] = SchemaCheckBenchmark.RunAsync,
    ["fleet-scale"] = FleetScaleBenchmark.RunAsync,
    ["fleet-agents"] = FleetAgentsBenchmark.RunAsync,
    ["agent-fetch"] = AgentFetchBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: fleetops-bench <benchmark> [options]; benchmarks: {string.Join(", ", benchmarks.Keys)}");
    Console.Error.WriteLine("  agent-rss  --agent PATH [--seconds 600] [--objects 50] [--interval 60] [--metrics-port P]: VmRSS of the real fleetops-agent reconciling an overlay");
    Console.Error.WriteLine("  agent-noop [--objects 200] [--runs 20]: time of a no-op (drift check) reconcile of a converged group");
    Console.Error.WriteLine("  rollout-book [--members 10000]: rollout bookkeeping per member report, a whole canary + 3-wave rollout at 1,000 to N members");
    Console.Error.WriteLine("  schema-check [--objects 1000]: KubernetesSchema.Check (the hub's preflight) over rendered objects, and with normalization");
    Console.Error.WriteLine("  fleet-scale [--stores 10000] [--converge-ms 2000] [--fail-percent 1] [--groups 1] [--rollout] [--results DIR]: commit to Converged over N protocol-level stores (in G groups; with --rollout each a canary + 3-wave rollout, bake 0, timed to Completed), hub CPU, RSS, traffic, restart storm; last line machine-readable");
    Console.Error.WriteLine("  fleet-agents [--agents 500] [--rollout-delay-ms 1000] [--start-parallelism 16] [--no-shared-renders]: N real edge agents (git, render, server-side apply to emulated clusters, mqtts) against the real hub; commit of every group to every store Converged; last line machine-readable");
    Console.Error.WriteLine("  agent-fetch [--files 2000] [--history 100] [--aged-history 5000] [--tag-every 10] [--series 100] [--transport git|http]: bytes and objects a store's git cache receives over git:// or smart HTTP for its first fetch, a one-file and a ten-file change, a series of one-file changes, and in an aged repository with release tags; last line machine-readable");
    return 2;
}
return await run(args[1..]);
