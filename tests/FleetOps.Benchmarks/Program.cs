// Benchmarks are added by the issues that measure something; each prints its figures and the command to rerun it.
using FleetOps.Benchmarks;

return args.FirstOrDefault() switch
{
    "agent-rss" => await AgentBenchmarks.RssAsync(args[1..]),
    "agent-noop" => await AgentBenchmarks.NoopAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: fleetops-bench <benchmark> [options]
          agent-rss  --agent PATH [--seconds 600] [--objects 50] [--interval 60]
                     resident memory (VmRSS) of the real fleetops-agent process reconciling an overlay
          agent-noop [--objects 200] [--runs 20]
                     time of a no-op (drift check) reconcile of an already converged group
        """);
    return 2;
}
