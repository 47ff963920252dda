using System.Net;
using System.Text.Json.Serialization.Metadata;
using FleetOps.Shared.Api;
using FleetOps.Simulator.Source;
using FleetOps.Simulator.Stores;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using Microsoft.Extensions.Logging;

namespace FleetOps.Scenarios.Tests.Harness;

/// <summary>
/// One whole FleetOps for one scenario: a working copy of the bundled fleet-config, a real hub (embedded
/// broker, LiteDB, Orleans, kustomize) in this process, and real agents with emulated clusters. Operators'
/// questions are asked through the real CLI's JSON output, as a pipeline would.
/// </summary>
public sealed partial class ScenarioFleet : IAsyncDisposable
{
    private readonly TempDir root;

    private ScenarioFleet(TempDir root, GitRepo repository, InProcessHub hub, SimulatedFleet stores)
    {
        this.root = root;
        Repository = repository;
        Hub = hub;
        Fleet = stores;
    }

    public GitRepo Repository { get; }

    public InProcessHub Hub { get; private set; }

    public SimulatedFleet Fleet { get; }

    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(90);

    public static Task<ScenarioFleet> StartAsync(IReadOnlyList<StoreSpec> stores, TimeSpan? rolloutDelay = null) =>
        StartAsync(new ScenarioFleetOptions { Stores = stores, RolloutDelay = rolloutDelay ?? TimeSpan.FromMilliseconds(300) });

    public static async Task<ScenarioFleet> StartAsync(ScenarioFleetOptions options)
    {
        var root = new TempDir("fleetops-scenario");
        InProcessHub? hub = null;
        try
        {
            var repository = GitRepo.Create(root.Sub("fleet-config")).CopyFrom(BundledFleetConfig.Locate());
            if (options.FleetYaml is { } fleetYaml)
                repository.Write("fleet.yaml", fleetYaml);
            repository.Signer = options.Signer;
            repository.Commit("Initial fleet-config");
            hub = await InProcessHub.StartAsync(new InProcessHubOptions
            {
                DataDir = root.Sub("hub"),
                RepositoryUrl = repository.Url,
                ReconcileIntervalSeconds = options.ReconcileIntervalSeconds,
                Settings = new Dictionary<string, string?>(options.HubSettings)
                {
                    ["Hub:Source:AllowedSignersFile"] = options.HubTrustedKeys.AllowedSignersFile,
                    ["Hub:Source:OpenPgpKeysFile"] = options.HubTrustedKeys.OpenPgpKeysFile,
                },
            });
            var storeOptions = new SimulatedFleetOptions
            {
                Root = root.Sub("stores"),
                Stores = options.Stores,
                RepositoryUrl = repository.Url,
                TrustedKeys = options.AgentTrustedKeys,
                RolloutDelay = options.RolloutDelay,
                HealthTimeout = options.HealthTimeout,
                KubeRequestTimeout = options.KubeRequestTimeout,
                RequestLogCapacity = options.RecordRequests ? RequestTrail.Capacity : KubeEmulator.KubeEmulatorOptions.Default.RequestLogCapacity,
                RecordRequestBodies = options.RecordRequests,
                StartParallelism = 4,
                // Stores verify the hub over TLS with its generated CA, as in production.
                BrokerCa = hub.CaPath,
                Loggers = Environment.GetEnvironmentVariable("FLEETOPS_TEST_LOGS") == "1"
                    ? LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Debug))
                    : Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            };
            if (options.Link is { } link)
                storeOptions = storeOptions with { Link = link };
            var fleet = await SimulatedFleet.StartAsync(storeOptions, hub.Client, new IPEndPoint(IPAddress.Loopback, hub.TlsPort));
            return new ScenarioFleet(root, repository, hub, fleet);
        }
        catch
        {
            if (hub is not null)
                await hub.DisposeAsync();
            root.Dispose();
            throw;
        }
    }

    /// <summary>Stops the hub and starts a new one on the same data dir and broker port, as a redeploy would.</summary>
    public async Task RestartHubAsync() => Hub = await Hub.RestartAsync();

    /// <summary>Stops the hub, does <paramref name="whileDown"/> (cut a store off, say), then starts a new one as <see cref="RestartHubAsync()"/> does.</summary>
    public async Task RestartHubAsync(Action whileDown)
    {
        var options = Hub.Options with { MqttPort = Hub.MqttPort, TlsPort = Hub.TlsPort };
        await Hub.DisposeAsync();
        whileDown();
        Hub = await InProcessHub.StartAsync(options);
    }

    /// <summary>Runs <c>fleetops ARGS</c> in-process against this fleet's hub, with unbounded width (as into a pipe).</summary>
    public Task<CliResult> CliAsync(params string[] args) => CliRunner.RunAsync(CliRunner.Environment(Hub) with { Width = null }, args);

    /// <summary>Runs a CLI command with <c>-o json</c> and reads its answer as the API record it prints.</summary>
    public async Task<T> CliJsonAsync<T>(JsonTypeInfo<T> type, params string[] args)
    {
        var result = await CliAsync([.. args, "-o", "json"]);
        Assert.True(result.ExitCode == 0, $"fleetops {string.Join(' ', args)} failed: {result}");
        return System.Text.Json.JsonSerializer.Deserialize(result.Stdout, type)
            ?? throw new InvalidOperationException($"fleetops {string.Join(' ', args)} printed null");
    }

    public Task<ClusterDetail> ClusterAsync(string id) => CliJsonAsync(ApiJsonContext.Default.ClusterDetail, "cluster", id);

    public Task<FleetView> StatusAsync() => CliJsonAsync(ApiJsonContext.Default.FleetView, "status");

    public Task<HistoryPage> HistoryAsync(string id) => CliJsonAsync(ApiJsonContext.Default.HistoryPage, "history", id, "--limit", "10000");

    /// <summary>Commits and tells the hub at once (instead of waiting for its poll), returning the new sha.</summary>
    public Task<string> CommitAsync(string relativePath, string content, string message) => CommitAsync(message, (relativePath, content));

    /// <summary>Commits several files in one commit and tells the hub at once, returning the new sha.</summary>
    public async Task<string> CommitAsync(string message, params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
            Repository.Write(path, content);
        var sha = Repository.Commit(message);
        var refresh = await CliAsync("refresh");
        Assert.True(refresh.ExitCode == 0, refresh.ToString());
        return sha;
    }

    /// <summary>
    /// Commits a change the hub will refuse for <paramref name="group"/> (it does not render, say) and tells the hub at once:
    /// refresh exits 1 naming the group, as a pipeline would see it. Returns the new sha.
    /// </summary>
    public async Task<string> CommitRefusedAsync(string group, string relativePath, string content, string message)
    {
        Repository.Write(relativePath, content);
        var sha = Repository.Commit(message);
        var refresh = await CliAsync("refresh");
        Assert.True(refresh.ExitCode == 1, refresh.ToString());
        Assert.Contains($"head {sha[..7]} refused for group {group}", refresh.Stdout);
        return sha;
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the answers the CLI gives, with a scenario's patience.</summary>
    public static Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(condition, what, timeout ?? Patience);

    /// <summary>Every given store shows the group Converged at the revision through <c>fleetops cluster ID -o json</c>.</summary>
    public async Task<bool> ConvergedAtAsync(string group, string revision, IEnumerable<string> stores)
    {
        foreach (var id in stores)
        {
            var detail = await ClusterAsync(id);
            var view = detail.Groups.FirstOrDefault(g => g.Name == group);
            if (view is null || view.Phase != Shared.Contracts.Phase.Converged || view.AppliedRevision != revision)
                return false;
        }
        return true;
    }

    /// <summary>Waits for <see cref="ConvergedAtAsync"/>; on timeout says where each store actually is.</summary>
    public async Task WaitConvergedAsync(string group, string revision, params string[] stores)
    {
        try
        {
            await EventuallyAsync(() => ConvergedAtAsync(group, revision, stores), $"{string.Join(", ", stores)} converged in {group} at {revision[..7]}");
        }
        catch (TimeoutException e)
        {
            var where = new List<string>();
            foreach (var id in stores)
            {
                var detail = await ClusterAsync(id);
                where.Add($"{id} ({detail.Phase}, labels {string.Join(",", detail.Labels.Select(l => $"{l.Key}={l.Value}"))}): " + string.Join("; ",
                    detail.Groups.Select(g => $"{g.Name} {g.Phase} {g.Reason} desired {g.DesiredRevision?[..7]} applied {g.AppliedRevision?[..7]} {g.Message}")));
                where.AddRange(detail.RecentEvents.TakeLast(8).Select(ev => $"    #{ev.Seq} {ev.Kind} {ev.Group} {ev.Detail}"));
            }
            throw new TimeoutException(e.Message + "\n" + string.Join("\n", where), e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Fleet.DisposeAsync();
        await Hub.DisposeAsync();
        root.Dispose();
    }
}
