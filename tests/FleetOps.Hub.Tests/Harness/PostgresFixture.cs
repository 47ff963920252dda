using FleetOps.Testing.Databases;

namespace FleetOps.Hub.Tests.Harness;

/// <summary>One throwaway PostgreSQL server for the tests of the "PostgreSQL" collection; each test makes its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartNewAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
