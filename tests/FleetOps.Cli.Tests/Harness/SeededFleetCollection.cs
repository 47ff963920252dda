namespace FleetOps.Cli.Tests.Harness;

/// <summary>Every test class that reads the seeded fleet shares one hub: starting it is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class SeededFleetCollection : ICollectionFixture<SeededFleet>
{
    public const string Name = "seeded fleet";
}
