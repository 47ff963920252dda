namespace FleetOps.Benchmarks.FleetScale;

/// <summary>
/// How a simulated store behaves: how long it takes to converge after taking a new revision (each store
/// draws its own time between half and one and a half of it), whether it fails instead, and the agent's
/// reconnect backoff (the real agent's defaults: 1 s doubling to 2 minutes, jittered).
/// </summary>
public sealed record ScaleStoreOptions(string Host, int Port, TimeSpan ConvergeDelay, bool Fails)
{
    public TimeSpan MinReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(60);
}
