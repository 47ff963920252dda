using System.Diagnostics;
using System.Globalization;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Network;

namespace FleetOps.Benchmarks.AgentFetch;

/// <summary>
/// agent-fetch: what a store receives for a change, against DESIGN.md's "bytes fetched by a store for a one-file
/// change: proportional to the change, not the repository". A generated fleet-config (manifests across folders, with
/// history) is served by git daemon over git:// (with <c>--transport http</c>, by git http-backend over smart HTTP)
/// through a relay that counts bytes each way; the agent's own git cache fetches it whole, then a one-file and a
/// ten-file change and a series of one-file changes (does each stay as cheap as the first?); then the same in an aged
/// repository (a long history with release tags, which every fetch's ref advertisement lists). Last line
/// machine-readable.
/// </summary>
public static class AgentFetchBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchmarkArgs(args);
        var files = options.Int("files", 2_000);
        var history = options.Int("history", 100);
        var agedHistory = options.Int("aged-history", 5_000);
        var tagEvery = options.Int("tag-every", 10);
        var transport = options.String("transport", "git");
        var series = options.Int("series", 100);

        using var work = new TempDir("fleetops-agent-fetch", Environment.GetEnvironmentVariable("FLEETOPS_BENCH_DIR"));
        await using var daemon = await ServeAsync(transport, work.Sub("served"));
        await using var link = new TcpProxy(daemon.EndPoint);
        Console.WriteLine(transport == "http"
            ? "agent-fetch: repositories served over smart HTTP (git http-backend behind Kestrel), through a relay counting bytes each way (HTTP headers included); each store is the agent's LibGit2GitCache"
            : "agent-fetch: repositories served by git daemon over git://, through a relay counting bytes each way; each store is the agent's LibGit2GitCache");

        var fleet = GeneratedFleetRepo.Create(work.Sub("served", "fleet.git"), new GeneratedFleetShape(files, history));
        using var store = new MeasuredStore(work.Sub("store-1"), link, Source(daemon, link, fleet));
        var first = await store.FetchAsync(fleet.Head);
        var checkout = await store.CheckoutBytesAsync(fleet.Head);
        Console.WriteLine(Invariant($"repository: {files:N0} manifests in {(files + 9) / 10:N0} folders, {fleet.Commits:N0} commits, packed {fleet.PackedBytes / 1024.0:N1} KiB, checkout {checkout / 1024.0:N1} KiB"));
        Report("first fetch (empty cache)", first);
        var again = await store.FetchAsync(fleet.Head);
        Report("same revision again (cached)", again);
        var one = await store.FetchAsync(fleet.Change(files: 1, "one manifest"));
        Report("one-file change", one, first);
        var ten = await store.FetchAsync(fleet.Change(files: 10, "ten manifests"));
        Report("ten-file change", ten, first);
        // A store fetches every change for years: each must stay as cheap as the first, though each leaves a pack.
        var row = new List<FetchFigures>();
        for (var i = 0; i < series; i++)
            row.Add(await store.FetchAsync(fleet.Change(files: 1, $"change {i}")));
        var footprint = store.Footprint();
        if (series > 0)
        {
            var kib = row.Select(f => f.KibDown).Order().ToList();
            Console.WriteLine(Invariant($"  {series} one-file changes in a row: {kib[kib.Count / 2]:N1} KiB down median, {kib[^1]:N1} KiB max, {row.Min(f => f.Objects)}-{row.Max(f => f.Objects)} objects each; the cache now holds {footprint.Packs:N0} packs, {footprint.Bytes / 1024.0:N1} KiB"));
        }

        var aged = GeneratedFleetRepo.Create(work.Sub("served", "aged.git"), new GeneratedFleetShape(files, agedHistory, tagEvery));
        using var agedStore = new MeasuredStore(work.Sub("store-2"), link, Source(daemon, link, aged));
        var tags = tagEvery > 0 ? agedHistory / tagEvery : 0;
        Console.WriteLine(Invariant($"aged repository: {files:N0} manifests, {aged.Commits:N0} commits, {tags:N0} tags, packed {aged.PackedBytes / 1024.0:N1} KiB"));
        var agedFirst = await agedStore.FetchAsync(aged.Head);
        Report("first fetch (empty cache)", agedFirst);
        var agedOne = await agedStore.FetchAsync(aged.Change(files: 1, "one manifest"));
        Report("one-file change", agedOne, agedFirst);
        // Protocol v0 (all libgit2 speaks) begins every fetch with the server listing every ref it has.
        var advertised = RefAdvertisementBytes(link, Source(daemon, link, aged).Url);
        Console.WriteLine(Invariant($"  {"of which ref advertisement",-30} {advertised / 1024.0,10:N1} KiB ({tags + 1:N0} refs; git ls-remote over protocol v0 through the same relay)"));

        Console.WriteLine(Invariant($"command: dotnet run -c Release --project tests/FleetOps.Benchmarks -- agent-fetch --files {files} --history {history} --aged-history {agedHistory} --tag-every {tagEvery} --series {series} --transport {transport}"));
        Console.WriteLine(Invariant($"agent-fetch: files={files} repo_kib={fleet.PackedBytes / 1024.0:0.0} first_fetch_kib={first.KibDown:0.0} change_fetch_kib={one.KibDown:0.0} change_objects={one.Objects} change10_fetch_kib={ten.KibDown:0.0} change10_objects={ten.Objects} series_max_kib={(series > 0 ? row.Max(f => f.KibDown) : 0):0.0} cache_packs={footprint.Packs} transport={transport} aged_commits={agedHistory + 1} aged_first_fetch_kib={agedFirst.KibDown:0.0} aged_change_fetch_kib={agedOne.KibDown:0.0} aged_change_objects={agedOne.Objects}"));
        return 0;
    }

    private static async Task<IGitServer> ServeAsync(string transport, string folder) => transport switch
    {
        "git" => await GitDaemon.StartAsync(folder),
        "http" => await GitHttpServer.StartAsync(folder),
        _ => throw new ArgumentException($"--transport is git or http, not {transport}"),
    };

    private static long RefAdvertisementBytes(TcpProxy link, string url)
    {
        var before = link.BytesDown;
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "protocol.version=0", "ls-remote", url })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git ls-remote did not start");
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? link.BytesDown - before : throw new InvalidOperationException($"git ls-remote {url} failed: {errors.Result}");
    }

    private static SourceRef Source(IGitServer daemon, TcpProxy link, GeneratedFleetRepo repository) =>
        new(daemon.UrlOf(repository.Path, link.Port), GeneratedFleetRepo.Branch);

    private static void Report(string what, FetchFigures figures, FetchFigures? first = null) =>
        Console.WriteLine(Invariant($"  {what,-30} {figures}") + (first is null ? "" : Invariant($", {100.0 * figures.BytesDown / first.BytesDown:0.00}% of the first fetch")));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
