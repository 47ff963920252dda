namespace FleetOps.Hub.Tests.Harness;

/// <summary>The tests that share one <see cref="PostgresFixture"/> (so the server starts once).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
