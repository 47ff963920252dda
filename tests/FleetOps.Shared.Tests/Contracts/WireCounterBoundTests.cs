using System.Text.Json.Nodes;
using FleetOps.Shared.Contracts;
using static FleetOps.Shared.Tests.Contracts.WireFixtures;

namespace FleetOps.Shared.Tests.Contracts;

// Counters an agent reports are bounded, so none can overflow the hub's "one above" or poison its journal ack.
public sealed class WireCounterBoundTests
{
    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData((1L << 52) + 1)]
    public void AHelloGenerationAboveTheBoundIsAnInvalidField(long generation)
    {
        var json = Node("hello.json");
        json["generation"] = generation;

        WireAssert.Refused(Codec.Parse(Topics.Hello(Cluster), Bytes(json)), WireErrorCode.InvalidField, "generation");
    }

    [Fact]
    public void AHelloAtTheBoundIsAccepted()
    {
        var json = Node("hello.json");
        json["generation"] = 1L << 52;
        json["lastJournalSeq"] = 1L << 52;

        Assert.True(Codec.Parse(Topics.Hello(Cluster), Bytes(json)).IsOk);
    }

    [Fact]
    public void AHelloAckedAboveItsLastSeqIsAnInvalidField()
    {
        var json = Node("hello.json");
        json["lastJournalSeq"] = 5;
        json["ackedJournalSeq"] = 6;

        WireAssert.Refused(Codec.Parse(Topics.Hello(Cluster), Bytes(json)), WireErrorCode.InvalidField, "ackedJournalSeq");
    }

    [Fact]
    public void AJournalSeqAboveTheBoundIsAnInvalidField()
    {
        var json = Node("journal.json");
        json["events"]![0]!["seq"] = long.MaxValue;
        json["events"] = new JsonArray(json["events"]![0]!.DeepClone());

        WireAssert.Refused(Codec.Parse(Topics.Journal(Cluster), Bytes(json)), WireErrorCode.InvalidField, "seq");
    }

    [Fact]
    public void OnlyACompactedEventStandsForEarlierSeqs()
    {
        var json = Node("journal.json");
        var first = json["events"]![0]!.DeepClone();
        first["seq"] = 10;
        first["firstSeq"] = 3;
        json["events"] = new JsonArray(first);

        WireAssert.Refused(Codec.Parse(Topics.Journal(Cluster), Bytes(json)), WireErrorCode.InvalidField, "firstSeq");
        first["kind"] = JournalEventKinds.Compacted;
        var parsed = Codec.Parse<JournalMessage>(Topics.Journal(Cluster), Bytes(json));
        Assert.True(parsed.IsOk);
        Assert.Equal(3, parsed.Message.Events[0].CoversFrom);
    }
}
