using System.Net;
using System.Text.Json.Serialization.Metadata;
using FleetOps.Cli;
using FleetOps.Shared.Api;
using FleetOps.Simulator;
using FleetOps.Simulator.Hub;
using FleetOps.Simulator.Source;
using FleetOps.Simulator.Stores;
using Microsoft.Extensions.Logging;

namespace FleetOps.Scenarios.Tests.Harness;

/// <summary>
/// One whole FleetOps for one scenario: a working copy of the bundled fleet-config, a real hub (embedded
/// broker, LiteDB, Orleans) in this process, and real agents with emulated clusters. Operators' questions
/// are asked through the real CLI's JSON output, as a pipeline would.
/// </summary>
public sealed class ScenarioFleet : IAsyncDisposable
{
    public const string AdminToken = "scenario-admin-token-0123456789abcdef";

    /// <summary>Short enough for drift to be corrected within a test, long enough not to busy the machine.</summary>
    public const int ReconcileIntervalSeconds = 3;

    private readonly string root;
    private readonly int mqttPort;

    private ScenarioFleet(string root, FleetConfigRepository repository, InProcessHub hub, SimulatedFleet stores, int mqttPort)
    {
        this.root = root;
        Repository = repository;
        Hub = hub;
        Fleet = stores;
        this.mqttPort = mqttPort;
    }

    public FleetConfigRepository Repository { get; }

    public InProcessHub Hub { get; private set; }

    public SimulatedFleet Fleet { get; }

    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(90);

    public static async Task<ScenarioFleet> StartAsync(IReadOnlyList<StoreSpec> stores, TimeSpan? rolloutDelay = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "fleetops-scenario-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        try
        {
            var repository = FleetConfigRepository.CreateFrom(BundledFleetConfig.Locate(), Path.Combine(root, "fleet-config"));
            var hub = await InProcessHub.StartAsync(HubOptions(root, repository, mqttPort: 0));
            var fleet = await SimulatedFleet.StartAsync(new SimulatedFleetOptions
            {
                Root = Path.Combine(root, "stores"),
                Stores = stores,
                RolloutDelay = rolloutDelay ?? TimeSpan.FromMilliseconds(300),
                StartParallelism = 4,
                Loggers = Environment.GetEnvironmentVariable("FLEETOPS_TEST_LOGS") == "1"
                    ? Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug))
                    : Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            }, hub.Client, new IPEndPoint(IPAddress.Loopback, hub.MqttPort));
            return new ScenarioFleet(root, repository, hub, fleet, hub.MqttPort);
        }
        catch
        {
            TryDelete(root);
            throw;
        }
    }

    /// <summary>Stops the hub and starts a new one on the same data dir and broker port, as a redeploy would.</summary>
    public async Task RestartHubAsync()
    {
        await Hub.DisposeAsync();
        Hub = await InProcessHub.StartAsync(HubOptions(root, Repository, mqttPort));
    }

    /// <summary>Runs <c>fleetops ARGS</c> in-process against this fleet's hub.</summary>
    public async Task<CliResult> CliAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var env = new CliEnvironment
        {
            Variables = new Dictionary<string, string>
            {
                ["FLEETOPS_HUB"] = Hub.ApiAddress.ToString(),
                ["FLEETOPS_TOKEN"] = AdminToken,
                ["NO_COLOR"] = "1",
            },
            HomeDirectory = root,
        };
        var exit = await CliApp.RunAsync(args, stdout, stderr, env);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

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
    public async Task<string> CommitAsync(string relativePath, string content, string message)
    {
        var sha = Repository.WriteAndCommit(relativePath, content, message);
        var refresh = await CliAsync("refresh");
        Assert.True(refresh.ExitCode == 0, refresh.ToString());
        return sha;
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the answers the CLI gives.</summary>
    public static Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        Poll.UntilAsync(condition, timeout ?? Patience, what);

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
        TryDelete(root);
    }

    private static InProcessHubOptions HubOptions(string root, FleetConfigRepository repository, int mqttPort) => new()
    {
        DataDir = Path.Combine(root, "hub"),
        RepositoryUrl = repository.Path,
        AdminToken = AdminToken,
        MqttPort = mqttPort,
        // Scenarios move the fleet with POST /api/v1/refresh (fleetops refresh), never by waiting for a poll.
        PollInterval = TimeSpan.FromHours(1),
        ReconcileIntervalSeconds = ReconcileIntervalSeconds,
        MinimumLogLevel = Environment.GetEnvironmentVariable("FLEETOPS_TEST_LOGS") == "1"
            ? Microsoft.Extensions.Logging.LogLevel.Warning
            : Microsoft.Extensions.Logging.LogLevel.None,
    };

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
