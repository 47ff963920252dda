using FleetOps.Testing.Brokers;

namespace FleetOps.Hub.Tests.Harness;

/// <summary>
/// One Mosquitto with dynamic security for every test of the collection: starting it is cheap, but each test then
/// works with cluster ids of its own, as hubs sharing a broker in production would.
/// </summary>
public sealed class DynamicSecurityBroker : IAsyncLifetime
{
    public Mosquitto Broker { get; private set; } = null!;

    public async Task InitializeAsync() => Broker = await Mosquitto.StartWithDynamicSecurityAsync();

    public Task DisposeAsync()
    {
        Broker?.Dispose();
        return Task.CompletedTask;
    }
}
