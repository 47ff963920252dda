using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FleetOps.Testing.Hub;

/// <summary>How to start a hub inside the test process (embedded broker, LiteDB, localhost clustering).</summary>
public sealed record InProcessHubOptions
{
    public const string TestAdminToken = "test-admin-token-0123456789";

    /// <summary>The hub's data dir; a restart on the same one is a new hub on the same folders.</summary>
    public required string DataDir { get; init; }

    /// <summary>Local path or URL of the fleet-config repository the hub watches; none turns the git watcher off.</summary>
    public string? RepositoryUrl { get; init; }

    public string Branch { get; init; } = "main";

    public string AdminToken { get; init; } = TestAdminToken;

    /// <summary>0 picks a free port.</summary>
    public int HttpPort { get; init; }

    /// <summary>0 picks a free port.</summary>
    public int MqttPort { get; init; }

    /// <summary>The broker's TLS port; 0 picks a free port.</summary>
    public int TlsPort { get; init; }

    /// <summary>
    /// Tests move the fleet with POST /api/v1/refresh, never by waiting for a poll: by default the hub
    /// polls so rarely that even a fake clock jumping days ahead does not make it poll on its own.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How often agents reconcile from their local cache; null keeps the hub's default.</summary>
    public int? ReconcileIntervalSeconds { get; init; }

    /// <summary>The hub's clock, when the test owns time (a FakeTimeProvider): every "now" the hub stamps is the test's.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Runs after the hub's own composition, to replace services (the renderer, say).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Further configuration keys (<c>Hub:...</c>), applied last.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Quiet unless FLEETOPS_TEST_LOGS=1, which shows the hub's warnings and errors when a test needs explaining.</summary>
    public LogLevel MinimumLogLevel { get; init; } =
        Environment.GetEnvironmentVariable("FLEETOPS_TEST_LOGS") == "1" ? LogLevel.Warning : LogLevel.None;
}
