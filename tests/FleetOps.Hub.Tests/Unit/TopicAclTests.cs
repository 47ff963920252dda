using FleetOps.Hub.Security;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Tests.Unit;

public sealed class TopicAclTests
{
    [Theory]
    [InlineData(MessageKind.Hello, true)]
    [InlineData(MessageKind.Status, true)]
    [InlineData(MessageKind.Journal, true)]
    [InlineData(MessageKind.Presence, true)]
    [InlineData(MessageKind.Desired, false)]
    [InlineData(MessageKind.Ack, false)]
    public void AClusterPublishesOnlyWhatAgentsSendOnItsOwnTopics(MessageKind kind, bool allowed)
    {
        Assert.Equal(allowed, TopicAcl.MayPublish("store-1", Topics.For("store-1", kind)));
        Assert.False(TopicAcl.MayPublish("store-1", Topics.For("store-2", kind)));
    }

    [Theory]
    [InlineData("fleetops/v1/clusters/store-1/desired", true)]
    [InlineData("fleetops/v1/clusters/store-1/ack", true)]
    [InlineData("fleetops/v1/clusters/store-1/#", false)]
    [InlineData("fleetops/v1/clusters/+/desired", false)]
    [InlineData("fleetops/v1/clusters/store-2/desired", false)]
    [InlineData("#", false)]
    public void AClusterSubscribesOnlyToItsOwnDesiredAndAck(string filter, bool allowed) =>
        Assert.Equal(allowed, TopicAcl.MaySubscribe("store-1", filter));

    [Fact]
    public void ALastWillMayOnlySayThisClusterWentOffline()
    {
        Assert.True(TopicAcl.MayUseWill("store-1", null));
        Assert.True(TopicAcl.MayUseWill("store-1", Topics.Presence("store-1")));
        Assert.False(TopicAcl.MayUseWill("store-1", Topics.Presence("store-2")));
        Assert.False(TopicAcl.MayUseWill("store-1", Topics.Desired("store-1")));
    }
}
