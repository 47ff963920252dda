namespace FleetOps.KubeEmulator.Tests.Infrastructure;

/// <summary>
/// One emulator server shared by the tests of a class; every test takes its own cluster, so tests stay
/// independent and run in parallel.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public KubeEmulatorServer Server { get; } = new();

    public EmulatedCluster NewCluster() => Server.Cluster("t-" + Guid.NewGuid().ToString("N")[..12]);

    public Task InitializeAsync() => Server.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
