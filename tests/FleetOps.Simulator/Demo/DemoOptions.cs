namespace FleetOps.Simulator.Demo;

/// <summary>What <c>fleetops-sim demo</c> runs: a hub on embedded defaults and simulated stores.</summary>
public sealed record DemoOptions
{
    public int Stores { get; init; } = 20;

    /// <summary>Holds the fleet-config working copy, the hub's data, every store's data and the admin token.</summary>
    public string Directory { get; init; } = ".demo";

    public int HttpPort { get; init; } = 5000;

    public int MqttPort { get; init; } = 1883;

    /// <summary>The broker's TLS port, which the stores connect to with the hub's CA.</summary>
    public int TlsPort { get; init; } = 8883;

    public string? FleetConfigSource { get; init; }

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan RolloutDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a store waits for its objects to become healthy; short, a failing canary shows in seconds.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
