using FleetOps.Testing.Databases;

namespace FleetOps.Scenarios.Tests.ScaleOut;

/// <summary>One throwaway PostgreSQL for the ScaleOut collection (started once); each test makes its own database.</summary>
public sealed class ScaleOutFixture : IAsyncLifetime
{
    public PostgresServer Postgres { get; private set; } = null!;

    public async Task InitializeAsync() => Postgres = await PostgresServer.StartNewAsync();

    public async Task DisposeAsync() => await Postgres.DisposeAsync();
}
