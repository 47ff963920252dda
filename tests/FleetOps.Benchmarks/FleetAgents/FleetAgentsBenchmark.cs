using System.Diagnostics;
using System.Globalization;
using System.Net;
using FleetOps.Benchmarks.FleetScale;
using FleetOps.Cli;
using FleetOps.Cli.Client;
using FleetOps.Simulator.Source;
using FleetOps.Simulator.Stores;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;

namespace FleetOps.Benchmarks.FleetAgents;

/// <summary>
/// fleet-agents: N real edge agents in this process (the simulator's stores: each its own git cache, LiteDB state,
/// render, server-side apply to its own emulated k3s cluster over HTTP, MQTT over TLS through its own link) against the
/// real fleetops-hub process, on the bundled fleet-config with every group at once. Times the first start to every
/// store Converged, then a commit that changes every group to every store Converged at it (hub API), and prints both
/// processes' CPU and peak memory. Last line machine-readable.
/// </summary>
public static class FleetAgentsBenchmark
{
    private const string AdminToken = "bench-admin-token-0123456789";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchmarkArgs(args);
        var count = options.Int("agents", 500);
        var patience = TimeSpan.FromSeconds(options.Int("patience-s", 900));
        var rolloutDelay = TimeSpan.FromMilliseconds(options.Int("rollout-delay-ms", 1000));

        using var root = new TempDir("fleetops-agents", Environment.GetEnvironmentVariable("FLEETOPS_BENCH_DIR"));
        using var repository = AgentsRepository.Create(root.Sub("repo"), BundledFleetConfig.Locate());
        var hub = HubProcess.Start(root.Sub("data"), repository.Url, AdminToken);
        try
        {
            using var api = HubClients.For(new Uri($"http://127.0.0.1:{hub.HttpPort}/"), AdminToken);
            await Eventually.UntilAsync(() => api.IsReadyAsync(default), "the hub is ready", TimeSpan.FromSeconds(120));
            await api.RefreshAsync(default);
            var groups = await api.GetGroupsAsync(default);
            var names = groups.Select(g => g.Name).ToList();
            var first = repository.Head;
            Console.WriteLine($"hub pid {hub.Id}: http {hub.HttpPort}, mqtts {hub.TlsPort}; {count} agents; groups {string.Join(", ", names)} (no rollout blocks); emulated rollouts take {rolloutDelay.TotalMilliseconds:F0} ms");

            var setup = Stopwatch.StartNew();
            await using var fleet = await SimulatedFleet.StartAsync(new SimulatedFleetOptions
            {
                Root = root.Sub("stores"),
                Stores = LabelSpread.Default.Stores(count),
                RepositoryUrl = repository.Url,
                BrokerCa = hub.CaPath,
                RolloutDelay = rolloutDelay,
                // Each emulated cluster keeps a short request log: 500 clusters' default logs are memory the agents do not use.
                RequestLogCapacity = 16,
                StartParallelism = options.Int("start-parallelism", 16),
                ShareRenders = !options.Flag("no-shared-renders"),
            }, api, new IPEndPoint(IPAddress.Loopback, hub.TlsPort));
            Console.WriteLine($"started: {count} agents registered and running after {setup.Elapsed.TotalSeconds:F1} s");
            var settled = await WaitAsync(api, names, first, patience);
            Console.WriteLine($"setup: {settled.Stores} stores ({settled.Memberships} group memberships) Converged on {first[..7]} {setup.Elapsed.TotalSeconds:F1} s after the first agent started");

            var release = await ReleaseAsync(api, hub, repository, groups.Select(g => g.Path), names, settled.Memberships, patience);
            await PrintJournalAsync(api, LabelSpread.IdFor(1), release.CommittedAt);
            if (fleet.Renders is { } renders)
                Console.WriteLine($"renders: {renders.Runs} run, {renders.Shared} answered from another store's identical checkout (--no-shared-renders runs every store's own)");
            var (simRss, simPeak) = Machine.Memory();
            var hubPeak = hub.Memory().Peak;
            Console.WriteLine($"commit {release.Revision[..7]} to Converged (hub API), of {settled.Memberships} memberships: 50% {S(release.Curve.SecondsTo(0.5))} s, 90% {S(release.Curve.SecondsTo(0.9))} s, 99% {S(release.Curve.SecondsTo(0.99))} s, 100% {S(release.Curve.SecondsTo(1))} s; every group of all {settled.Stores} stores {S(release.AllStores)} s");
            Console.WriteLine($"CPU from commit to all converged: agents and emulator {release.OwnCpu:F1} s, hub {release.HubCpu:F1} s, over {release.Seconds:F1} s (load average now {Machine.LoadAverage()})");
            Console.WriteLine($"resident memory: agents and emulator {simRss:F0} MiB now, {simPeak:F0} MiB peak ({simPeak / count:F2} MiB per store); hub peak {hubPeak:F0} MiB");
            Console.WriteLine($"rerun: dotnet run -c Release --project tests/FleetOps.Benchmarks -- fleet-agents --agents {count}{(fleet.Renders is null ? " --no-shared-renders" : "")}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fleet-agents: agents={count} all_converged_s={release.AllStores ?? double.NaN:F1} sim_rss_mib={simPeak:F0} hub_rss_mib={hubPeak:F0}"));
            return release.AllStores is null ? 1 : 0;
        }
        finally
        {
            hub.Dispose();
        }
    }

    private sealed record Release(string Revision, DateTimeOffset CommittedAt, ConvergenceCurve Curve, double? AllStores, double OwnCpu, double HubCpu, double Seconds);

    /// <summary>Where one store's time went: its journal since the commit, each event at seconds after it (store's clock; hub's receipt).</summary>
    private static async Task PrintJournalAsync(HubClient api, string store, DateTimeOffset committedAt)
    {
        var page = await api.GetHistoryAsync(store, committedAt, null, 50, default);
        Console.WriteLine($"{store}'s journal after the commit, seconds (at the store / received by the hub):");
        foreach (var e in page.Events.OrderBy(e => e.Seq))
            Console.WriteLine($"  {(e.At - committedAt).TotalSeconds,6:F2} / {((e.ReceivedAt ?? e.At) - committedAt).TotalSeconds,6:F2}  {e.Kind} {e.Group} {Trim(e.Detail)}");
    }

    private static string Trim(string? text) => text is null ? "" : text.Length > 100 ? text[..100] + "..." : text;

    private static async Task<Release> ReleaseAsync(HubClient api, HubProcess hub, GitRepo repository, IEnumerable<string> paths, IReadOnlyList<string> groups, int memberships, TimeSpan patience)
    {
        var curve = new ConvergenceCurve(memberships);
        var hubCpu = hub.CpuSeconds();
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var committedAt = DateTimeOffset.UtcNow;
        var revision = AgentsRepository.WriteRelease(repository, paths, 2).Commit("Release 2 of every group");
        var refreshed = await api.RefreshAsync(default);
        Console.WriteLine($"commit {revision[..7]} taken by the hub {clock.Elapsed.TotalSeconds:F2} s after it was made; groups moved: {string.Join(", ", refreshed.MovedGroups)}");
        double? all = null;
        FleetProgress? last = null;
        while (all is null && clock.Elapsed < patience)
        {
            try
            {
                last = await FleetProgress.ReadAsync(api, groups, revision, default);
                curve.Add(clock.Elapsed.TotalSeconds, last.Converged);
                if (last.StoresConverged == last.Stores && last.Converged == memberships)
                    all = clock.Elapsed.TotalSeconds;
            }
            catch (CliException e)
            {
                Console.Error.WriteLine($"the hub's API did not answer at {clock.Elapsed.TotalSeconds:F1} s: {e.Message}");
            }
            if (all is null)
                await Task.Delay(250);
        }
        if (all is null)
            Console.Error.WriteLine($"not every store Converged within {patience}: {last?.Converged}/{memberships}; {last?.Missing()}");
        return new Release(revision, committedAt, curve, all, (Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalSeconds, hub.CpuSeconds() - hubCpu, clock.Elapsed.TotalSeconds);
    }

    private static async Task<FleetProgress> WaitAsync(HubClient api, IReadOnlyList<string> groups, string revision, TimeSpan patience)
    {
        FleetProgress? last = null;
        await Eventually.UntilAsync(async () => (last = await FleetProgress.ReadAsync(api, groups, revision, default)).Stores > 0 && last.StoresConverged == last.Stores,
            () => $"every store Converged on {revision[..7]} ({last?.StoresConverged}/{last?.Stores}; {last?.Missing()})", patience);
        return last!;
    }

    private static string S(double? seconds) => seconds is { } s ? s.ToString("F1", CultureInfo.InvariantCulture) : "never";
}
