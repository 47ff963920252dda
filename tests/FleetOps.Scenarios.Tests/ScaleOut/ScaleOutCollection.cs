namespace FleetOps.Scenarios.Tests.ScaleOut;

/// <summary>
/// The multi-silo scenarios share one PostgreSQL server and run one at a time: each starts two hub processes and
/// thirty stores, and two of them at once on a 2-core machine would measure the machine rather than the hub.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ScaleOutCollection : ICollectionFixture<ScaleOutFixture>
{
    public const string Name = "ScaleOut";
}
