using System.Diagnostics;
using System.Globalization;
using FleetOps.Cli;
using FleetOps.Cli.Client;
using FleetOps.Testing.Files;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;

namespace FleetOps.Benchmarks.FleetScale;

/// <summary>
/// fleet-scale: N protocol-level stores against the real fleetops-hub process and its embedded broker. The
/// stores converge on a first release; then a real git commit, taken through the watcher by a refresh, is
/// timed until the hub's API shows every store Converged (or Failed, for the failing share) at it. Then the
/// hub is restarted with every store connected, and the time to /readyz and to all stores online again is
/// measured. Prints the figures, writes the curve (CSV, and an SVG of every curve in the results folder),
/// and ends with one machine-readable line.
/// </summary>
public static class FleetScaleBenchmark
{
    private const string AdminToken = "bench-admin-token-0123456789";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchmarkArgs(args);
        var count = options.Int("stores", 10_000);
        var convergeDelay = TimeSpan.FromMilliseconds(options.Int("converge-ms", 2000));
        var failPercent = options.Double("fail-percent", 1);
        var parallelism = options.Int("parallelism", 64);
        var patience = TimeSpan.FromSeconds(options.Int("patience-s", 600));
        var results = options.String("results", Checkout.PathOf("tests", "FleetOps.Benchmarks", "results"));
        var failEvery = failPercent <= 0 ? int.MaxValue : (int)Math.Round(100 / failPercent);
        var shape = new FleetShape(count, options.Int("groups", 1), options.Flag("rollout"));

        using var root = new TempDir("fleetops-bench", Environment.GetEnvironmentVariable("FLEETOPS_BENCH_DIR"));
        using var repository = FleetScaleRepository.Create(root.Sub("repo"), shape);
        var hub = HubProcess.Start(root.Sub("data"), repository.Url, AdminToken);
        try
        {
            using var api = HubClients.For(new Uri($"http://127.0.0.1:{hub.HttpPort}/"), AdminToken);
            await Eventually.UntilAsync(() => api.IsReadyAsync(default), "the hub is ready", TimeSpan.FromSeconds(120));
            await api.RefreshAsync(default);
            var first = repository.Head;
            Console.WriteLine($"hub pid {hub.Id}: http {hub.HttpPort}, mqtt {hub.MqttPort}; {count} stores in {shape.Describe()}, converge {convergeDelay.TotalMilliseconds:F0} ms ±50%, every {failEvery}th fails");

            var setup = Stopwatch.StartNew();
            await using var fleet = await StoreFleet.RegisterAndConnectAsync(api, count, shape.Labels,
                (i, _) => new ScaleStoreOptions("127.0.0.1", hub.MqttPort, convergeDelay, Fails: (i + 1) % failEvery == 0), parallelism);
            var expected = count - fleet.Failing;
            await WaitForReleaseAsync(api, shape, first, expected, fleet.Failing, patience);
            Console.WriteLine($"setup: {count} stores registered, connected and settled on {first[..7]} in {setup.Elapsed.TotalSeconds:F1} s");

            var (curve, release, cpu, traffic, rolloutSeconds, completedSeconds) = await ReleaseAsync(api, shape, hub, repository, fleet, expected, patience);
            var acked = await Settled(() => fleet.UnackedEvents() == 0, TimeSpan.FromSeconds(120));
            var view = await HubGroupView.ReadAsync(api, shape, release, default);
            var notShown = fleet.StatusesNotShown(view.Members);
            var peakBeforeRestart = hub.Memory().Peak;
            var idleUplink = IdleUplinkKbps(fleet);

            var restart = await RestartAsync(hub, root.Sub("data"), repository.Url, fleet, count, patience);
            hub = restart.Hub;
            using var api2 = HubClients.For(new Uri($"http://127.0.0.1:{hub.HttpPort}/"), AdminToken);
            await Settled(async () => (await HubGroupView.ReadAsync(api2, shape, release, default)).Converged == expected, TimeSpan.FromSeconds(60));
            var afterRestart = await HubGroupView.ReadAsync(api2, shape, release, default);
            var lost = fleet.UnackedEvents() + notShown + (expected - afterRestart.Converged);
            var peak = Math.Max(peakBeforeRestart, hub.Memory().Peak);

            var messages = traffic.MessagesUp + traffic.MessagesDown;
            Console.WriteLine($"commit {release[..7]} to Converged (hub API): 50% {S(curve.SecondsTo(0.5))} s, 90% {S(curve.SecondsTo(0.9))} s, 99% {S(curve.SecondsTo(0.99))} s, 100% {S(curve.SecondsTo(1))} s ({curve.Latest}/{expected}; {view.Failed}/{fleet.Failing} Failed as meant)");
            if (shape.Rollout)
                Console.WriteLine($"rollouts: {shape.GroupNames.Count} (canary 1 in {FleetShape.CanaryEvery}, then 33/66/100%, bake 0) all Completed {S(completedSeconds)} s after the commit");
            Console.WriteLine($"hub CPU from commit to all converged: {cpu:F1} s over {rolloutSeconds:F1} s ({cpu / rolloutSeconds * 100:F0}% of one core), {cpu * 1000 / Math.Max(1, messages):F2} ms per message");
            Console.WriteLine($"messages up (store to hub): {traffic.MessagesUp} ({traffic.BytesUp / 1024.0:F0} KiB); down (hub to store): {traffic.MessagesDown} ({traffic.BytesDown / 1024.0:F0} KiB); MQTT packets as counted at the stores, PUBACKs included, TCP/IP not");
            Console.WriteLine($"hub peak resident memory: {peak:F0} MiB");
            Console.WriteLine($"hub restart with {count} connected: stopped in {restart.StopSeconds:F1} s; /readyz after {restart.ReadySeconds:F1} s, all {count} online after {restart.OnlineSeconds:F1} s (from the new process's start)");
            Console.WriteLine($"idle uplink per store: {idleUplink:F3} kbit/s (a status heartbeat every 5 min and a keep-alive ping every 60 s, at the sizes sent here)");
            Console.WriteLine($"lost: {lost} ({fleet.UnackedEvents()} journal events unacknowledged{(acked ? "" : " after 120 s")}, {notShown} statuses not shown by the API, {expected - afterRestart.Converged} not Converged after the restart)");
            WriteResults(results, count, shape, curve);
            Console.WriteLine($"rerun: dotnet run -c Release --project tests/FleetOps.Benchmarks -- fleet-scale --stores {count} --converge-ms {convergeDelay.TotalMilliseconds:F0} --fail-percent {failPercent.ToString(CultureInfo.InvariantCulture)}"
                + (shape.Groups == 1 ? "" : $" --groups {shape.Groups}") + (shape.Rollout ? " --rollout" : ""));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fleet-scale: stores={count} p99_converged_s={curve.SecondsTo(0.99) ?? double.NaN:F1} hub_rss_mib={peak:F0} restart_online_s={restart.OnlineSeconds:F1} lost={lost}"));
            return lost == 0 && curve.Latest == expected && (!shape.Rollout || completedSeconds is not null) ? 0 : 1;
        }
        finally
        {
            hub.Dispose();
        }
    }

    private static async Task WaitForReleaseAsync(HubClient api, FleetShape shape, string revision, int expected, int failing, TimeSpan patience)
    {
        HubGroupView? last = null;
        await Eventually.UntilAsync(async () => (last = await HubGroupView.ReadAsync(api, shape, revision, default)) is { } v && v.Converged == expected && v.Failed == failing,
            () => $"the stores settle on {revision[..7]} ({last?.Converged} Converged, {last?.Failed} Failed)", patience);
    }

    /// <summary>
    /// Commits a new release, has the watcher take it, and follows the hub's API until every store is there (and, for
    /// rollouts, every group's rollout has Completed).
    /// </summary>
    private static async Task<(ConvergenceCurve Curve, string Revision, double Cpu, TrafficSnapshot Traffic, double Seconds, double? Completed)> ReleaseAsync(
        HubClient api, FleetShape shape, HubProcess hub, Testing.Git.GitRepo repository, StoreFleet fleet, int expected, TimeSpan patience)
    {
        var curve = new ConvergenceCurve(expected);
        // Reading 10,000 members costs the hub too; poll less often the bigger the fleet, at most four times a second.
        var pollEvery = TimeSpan.FromMilliseconds(Math.Clamp(fleet.Stores.Count / 10, 250, 1000));
        var cpuBefore = hub.CpuSeconds();
        var ownCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var trafficBefore = fleet.Traffic.Snapshot();
        var clock = Stopwatch.StartNew();
        var revision = FleetScaleRepository.WriteRelease(repository, 2).Commit("Release 2");
        await api.RefreshAsync(default);
        Console.WriteLine($"commit {revision[..7]} taken by the hub {clock.Elapsed.TotalSeconds:F2} s after it was made");
        double? completed = shape.Rollout ? null : 0;
        while ((curve.Latest < expected || completed is null) && clock.Elapsed < patience)
        {
            // A hub too busy to answer within the client's timeout is part of the result: the poll is missed, not fatal.
            if (await TryAsync(() => HubGroupView.ReadAsync(api, shape, revision, default)) is { } view)
                curve.Add(clock.Elapsed.TotalSeconds, view.Converged);
            else
                Console.Error.WriteLine($"the hub's API did not answer at {clock.Elapsed.TotalSeconds:F1} s");
            if (completed is null && await TryAsync(() => HubGroupView.RolloutsCompletedAsync(api, shape, revision, default)) == shape.Groups)
                completed = clock.Elapsed.TotalSeconds;
            if (curve.Latest < expected || completed is null)
                await Task.Delay(pollEvery);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        // The stores share the two cores with the hub: what they used says how much of the machine the hub had.
        var ownCpu = (Process.GetCurrentProcess().TotalProcessorTime - ownCpuBefore).TotalSeconds;
        Console.WriteLine($"benchmark process (the {fleet.Stores.Count} stores) CPU over the same time: {ownCpu:F1} s ({ownCpu / seconds * 100:F0}% of one core); load average now {Machine.LoadAverage()}");
        return (curve, revision, hub.CpuSeconds() - cpuBefore, fleet.Traffic.Snapshot() - trafficBefore, seconds, shape.Rollout ? completed : null);
    }

    private static async Task<T?> TryAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (CliException)
        {
            return default;
        }
    }

    private sealed record Restart(HubProcess Hub, double StopSeconds, double ReadySeconds, double OnlineSeconds);

    /// <summary>Stops the hub with every store connected and starts it again on the same folders and ports: the reconnect storm.</summary>
    private static async Task<Restart> RestartAsync(HubProcess hub, string dataDir, string repository, StoreFleet fleet, int count, TimeSpan patience)
    {
        var stop = Stopwatch.StartNew();
        hub.Dispose();
        var stopSeconds = stop.Elapsed.TotalSeconds;
        var started = Stopwatch.StartNew();
        var next = hub.Restart(dataDir, repository, AdminToken);
        // Printed at once, so a profiler can attach to the restarted hub during the reconnect storm.
        Console.WriteLine($"restarted hub pid {next.Id}");
        using var api = HubClients.For(new Uri($"http://127.0.0.1:{next.HttpPort}/"), AdminToken);
        // When the stores themselves are connected again, apart from when the hub's API says so: the gap is the hub's.
        var connected = Eventually.UntilAsync(() => fleet.Connected() == count, "every store is connected again", patience)
            .ContinueWith(_ => started.Elapsed.TotalSeconds, TaskScheduler.Default);
        await Eventually.UntilAsync(() => api.IsReadyAsync(default), "the restarted hub is ready", patience);
        var ready = started.Elapsed.TotalSeconds;
        Shared.Api.PhaseCounts? last = null;
        await Eventually.UntilAsync(async () => (last = (await api.GetFleetAsync(default)).Clusters) is { } c && c.Offline == 0 && c.Unconfirmed == 0 && c.Unknown == 0 && c.Total == count,
            () => $"every store is online again ({last}; {fleet.Connected()} connected)", patience);
        var online = started.Elapsed.TotalSeconds;
        Console.WriteLine($"restart: every store's MQTT client connected again {await connected:F1} s after the start");
        return new Restart(next, stopSeconds, ready, online);
    }

    /// <summary>
    /// Bytes an idle store sends in an hour, as the real agent's link would: a heartbeat status every 5 minutes
    /// (at the size these stores sent; the hub's PUBACK is downlink) and a PINGREQ in every 60 s keep-alive period
    /// without other traffic.
    /// </summary>
    private static double IdleUplinkKbps(StoreFleet fleet)
    {
        var status = fleet.Stores.Average(s => s.LastStatusBytes);
        var perHour = 12 * status + 48 * WireTraffic.PingBytes;
        return perHour * 8 / 3600 / 1000;
    }

    private static async Task<bool> Settled(Func<bool> condition, TimeSpan timeout) => await Settled(() => Task.FromResult(condition()), timeout);

    private static async Task<bool> Settled(Func<Task<bool>> condition, TimeSpan timeout)
    {
        try
        {
            await Eventually.UntilAsync(condition, "settled", timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static void WriteResults(string folder, int count, FleetShape shape, ConvergenceCurve curve)
    {
        Directory.CreateDirectory(folder);
        var csv = Path.Combine(folder, $"fleet-scale-{count}{shape.Suffix}.csv");
        File.WriteAllText(csv, curve.ToCsv());
        var runs = Directory.GetFiles(folder, "fleet-scale-*.csv")
            .Select(file => CurveName.Parse(Path.GetFileNameWithoutExtension(file)["fleet-scale-".Length..]) is { } name ? (Name: name, File: file) : default)
            .Where(run => run.File is not null)
            .OrderBy(run => run.Name.Stores).ThenBy(run => run.Name.Mode, StringComparer.Ordinal)
            .Select(run => (run.Name.Legend, ConvergenceCurve.ReadShares(File.ReadAllText(run.File))))
            .ToList();
        var svg = Path.Combine(folder, "fleet-scale.svg");
        File.WriteAllText(svg, SvgPlot.Render("fleet-scale: share Converged (hub API) after a commit", runs));
        Console.WriteLine($"curve: {csv}; plot: {svg}");
    }

    private static string S(double? seconds) => seconds is { } s ? s.ToString("F1", CultureInfo.InvariantCulture) : "never";
}
