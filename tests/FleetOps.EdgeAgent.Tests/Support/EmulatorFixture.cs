using FleetOps.KubeEmulator;

namespace FleetOps.EdgeAgent.Tests.Support;

/// <summary>One emulator server per test class; each test gets its own emulated cluster on it.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public KubeEmulatorServer Server { get; } = new();

    public Task InitializeAsync() => Server.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
