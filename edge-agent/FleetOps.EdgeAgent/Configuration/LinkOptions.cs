namespace FleetOps.EdgeAgent.Configuration;

/// <summary>MQTT link tuning: reconnect backoff (exponential with jitter, capped), keep-alive, session life, heartbeat.</summary>
public sealed record LinkOptions(
    TimeSpan MinReconnectDelay,
    TimeSpan MaxReconnectDelay,
    TimeSpan KeepAlive,
    TimeSpan ConnectTimeout,
    TimeSpan SessionExpiry)
{
    public static readonly LinkOptions Default = new(
        MinReconnectDelay: TimeSpan.FromSeconds(1),
        MaxReconnectDelay: TimeSpan.FromMinutes(2),
        KeepAlive: TimeSpan.FromSeconds(60),
        ConnectTimeout: TimeSpan.FromSeconds(10),
        SessionExpiry: TimeSpan.FromDays(7));

    /// <summary>
    /// With nothing to report for this long, the status goes out again anyway, so that the hub hears from an idle
    /// store well within its stale limit (15 minutes by default): three heartbeats fit in it.
    /// </summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromMinutes(5);
}
