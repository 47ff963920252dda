using Microsoft.Extensions.Logging;

namespace FleetOps.Simulator.Hub;

/// <summary>How the simulator starts a hub inside its own process (embedded broker, LiteDB, localhost clustering).</summary>
public sealed record InProcessHubOptions
{
    public required string DataDir { get; init; }

    /// <summary>Local path or URL of the fleet-config repository the hub watches and the agents fetch from.</summary>
    public required string RepositoryUrl { get; init; }

    public string Branch { get; init; } = "main";

    public required string AdminToken { get; init; }

    /// <summary>0 picks a free port.</summary>
    public int HttpPort { get; init; }

    /// <summary>0 picks a free port.</summary>
    public int MqttPort { get; init; }

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(15);

    public int ReconcileIntervalSeconds { get; init; } = 300;

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Further configuration keys (<c>Hub:...</c>) for scenarios that need them.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}
