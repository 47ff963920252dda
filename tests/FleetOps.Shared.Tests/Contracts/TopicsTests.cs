using FleetOps.Shared.Contracts;

namespace FleetOps.Shared.Tests.Contracts;

public sealed class TopicsTests
{
    [Theory]
    [InlineData(MessageKind.Desired, "fleetops/v1/clusters/store-0042/desired")]
    [InlineData(MessageKind.Hello, "fleetops/v1/clusters/store-0042/hello")]
    [InlineData(MessageKind.Status, "fleetops/v1/clusters/store-0042/status")]
    [InlineData(MessageKind.Journal, "fleetops/v1/clusters/store-0042/journal")]
    [InlineData(MessageKind.Ack, "fleetops/v1/clusters/store-0042/ack")]
    [InlineData(MessageKind.Presence, "fleetops/v1/clusters/store-0042/presence")]
    public void EveryKindHasItsTopicUnderTheClustersSubtree(MessageKind kind, string expected)
    {
        Assert.Equal(expected, Topics.For("store-0042", kind));
        Assert.True(Topics.TryParse(expected, out var id, out var parsed));
        Assert.Equal("store-0042", id);
        Assert.Equal(kind, parsed);
    }

    [Fact]
    public void HubSubscriptionsCanBeSharedBetweenSilos()
    {
        Assert.Equal("fleetops/v1/clusters/+/status", Topics.AllClusters(MessageKind.Status));
        Assert.Equal("$share/hub/fleetops/v1/clusters/+/journal", Topics.AllClusters(MessageKind.Journal, "hub"));
        Assert.Equal("fleetops/v1/clusters/store-0042/#", Topics.Subtree("store-0042"));
    }

    [Theory]
    [InlineData("fleetops/v1/clusters/Store-42/status")]
    [InlineData("fleetops/v1/clusters/#/status")]
    [InlineData("fleetops/v1/clusters//status")]
    [InlineData("other/v1/clusters/store-1/status")]
    public void TopicsWithInvalidClusterIdsOrPrefixesDoNotParse(string topic)
    {
        Assert.False(Topics.TryParse(topic, out _, out _));
    }

    [Theory]
    [InlineData("store-0042", true)]
    [InlineData("s", true)]
    [InlineData("0042", true)]
    [InlineData("Store-0042", false)]
    [InlineData("-store", false)]
    [InlineData("store-", false)]
    [InlineData("store/0042", false)]
    [InlineData("store+1", false)]
    [InlineData("", false)]
    public void ClusterIdsAreDnsLabels(string id, bool valid)
    {
        Assert.Equal(valid, ClusterIds.IsValid(id));
    }

    [Fact]
    public void ClusterIdsLongerThan63CharactersAreInvalid()
    {
        Assert.True(ClusterIds.IsValid(new string('a', 63)));
        Assert.False(ClusterIds.IsValid(new string('a', 64)));
        Assert.Contains("store-0042", ClusterIds.Explain("BAD"));
    }
}
