namespace FleetOps.Hub.Tests.Harness;

[CollectionDefinition(Name)]
public sealed class DynamicSecurityCollection : ICollectionFixture<DynamicSecurityBroker>
{
    public const string Name = "mosquitto dynamic security";
}
