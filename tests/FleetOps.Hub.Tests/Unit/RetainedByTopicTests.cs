using FleetOps.Hub.Messaging.Embedded;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Tests.Unit;

public sealed class RetainedByTopicTests
{
    [Fact]
    public void TheLatestRetainedMessageOfATopicIsKeptAndOthersAreNotTouched()
    {
        var retained = new RetainedByTopic();
        retained.Set(Topics.Desired("store-1"), [1]);
        retained.Set(Topics.Desired("store-1"), [2]);
        retained.Set(Topics.Desired("store-2"), [3]);

        Assert.Equal([2], retained.Get(Topics.Desired("store-1")));
        Assert.Equal([3], retained.Get(Topics.Desired("store-2")));
        Assert.Null(retained.Get(Topics.Ack("store-1")));
    }

    [Fact]
    public void AnEmptyPayloadClearsTheRetainedMessageAsInMqtt()
    {
        var retained = new RetainedByTopic();
        retained.Set(Topics.Desired("store-1"), [1]);
        retained.Set(Topics.Desired("store-1"), []);

        Assert.Null(retained.Get(Topics.Desired("store-1")));
    }
}
