namespace FleetOps.Cli.Tests.Harness;

/// <summary>The tests that change a hub share one, one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ScratchFleetCollection : ICollectionFixture<ScratchFleet>
{
    public const string Name = "scratch fleet";
}
