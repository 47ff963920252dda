using FleetOps.EdgeAgent.Apply;

namespace FleetOps.EdgeAgent.Tests.Apply;

/// <summary>A Conflict is said once per group that owns the objects, with the first of them and how many more.</summary>
public sealed class ConflictMessageTests
{
    [Fact]
    public void ManyObjectsOfOneGroupAreOneClauseWithTheFirstAndACount()
    {
        var claimed = Enumerable.Range(0, 25).Select(i => (i == 0 ? "Deployment/store-platform/mqtt-bridge" : $"ConfigMap/store-platform/c{i}", "platform"))
            .Append(("ConfigMap/shop/menu", "shop"));

        var message = ConflictMessage.Describe(claimed);

        Assert.Equal("nothing applied: 25 objects belong to group 'platform' (Deployment/store-platform/mqtt-bridge, and 24 more); "
            + "ConfigMap/shop/menu belongs to group 'shop'", message);
    }
}
