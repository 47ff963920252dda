using FleetOps.Shared.Contracts;
using static FleetOps.Shared.Tests.Contracts.WireFixtures;

namespace FleetOps.Shared.Tests.Contracts;

/// <summary>Messages of the right shape whose values break a rule of the protocol are refused, naming the rule.</summary>
public sealed class WireValueRuleTests
{
    private static readonly WireCodec Codec = WireCodec.Default;

    [Theory]
    [InlineData("abc123")]
    [InlineData("main")]
    [InlineData("3F2A1C9D4E5B6A7980112233445566778899AABB")]
    public void DesiredRevisionMustBeAFullSha(string revision)
    {
        var json = Node("desired.json");
        json["groups"]![0]!["revision"] = revision;

        AssertRefused(Codec.Parse(Topics.Desired(Cluster), Bytes(json)), WireErrorCode.InvalidField, "full commit sha");
    }

    [Fact]
    public void DesiredGroupListedTwiceIsRefused()
    {
        var json = Node("desired.json");
        json["groups"]![1]!["name"] = "platform";

        AssertRefused(Codec.Parse(Topics.Desired(Cluster), Bytes(json)), WireErrorCode.InvalidField, "twice");
    }

    [Theory]
    [InlineData("/etc")]
    [InlineData("apps/../../outside")]
    public void DesiredPathMustStayInsideTheRepository(string path)
    {
        var json = Node("desired.json");
        json["groups"]![0]!["path"] = path;

        AssertRefused(Codec.Parse(Topics.Desired(Cluster), Bytes(json)), WireErrorCode.InvalidField, "inside the repository");
    }

    [Fact]
    public void NegativeGenerationIsRefused()
    {
        var json = Node("desired.json");
        json["generation"] = -1;

        AssertRefused(Codec.Parse(Topics.Desired(Cluster), Bytes(json)), WireErrorCode.InvalidField, "negative");
    }

    [Fact]
    public void NonPositiveReconcileIntervalIsRefused()
    {
        var json = Node("desired.json");
        json["reconcileIntervalSeconds"] = 0;

        AssertRefused(Codec.Parse(Topics.Desired(Cluster), Bytes(json)), WireErrorCode.InvalidField, "reconcileIntervalSeconds");
    }

    [Fact]
    public void JournalEventsOutOfSeqOrderAreRefused()
    {
        var json = Node("journal.json");
        json["events"]![1]!["seq"] = 1203;

        AssertRefused(Codec.Parse(Topics.Journal(Cluster), Bytes(json)), WireErrorCode.InvalidField, "seq");
    }

    [Fact]
    public void JournalEventWithEmptyKindIsRefused()
    {
        var json = Node("journal.json");
        json["events"]![0]!["kind"] = " ";

        AssertRefused(Codec.Parse(Topics.Journal(Cluster), Bytes(json)), WireErrorCode.InvalidField, "kind");
    }

    [Theory]
    [InlineData("Offline")]
    [InlineData("Unknown")]
    public void AgentsMayNotReportTheHubsOwnPhases(string phase)
    {
        var json = Node("status.json");
        json["groups"]![0]!["phase"] = phase;

        AssertRefused(Codec.Parse(Topics.Status(Cluster), Bytes(json)), WireErrorCode.InvalidField, "hub");
    }

    [Fact]
    public void ImpossibleResourceCountsAreRefused()
    {
        var json = Node("status.json");
        json["groups"]![0]!["resources"]!["healthy"] = 13;

        AssertRefused(Codec.Parse(Topics.Status(Cluster), Bytes(json)), WireErrorCode.InvalidField, "impossible");
    }

    [Fact]
    public void NegativeHelloCountersAreRefused()
    {
        var json = Node("hello.json");
        json["lastJournalSeq"] = -5;

        AssertRefused(Codec.Parse(Topics.Hello(Cluster), Bytes(json)), WireErrorCode.InvalidField, "lastJournalSeq");
    }

    [Fact]
    public void NegativeAckIsRefused()
    {
        var json = Node("ack.json");
        json["seq"] = -1;

        AssertRefused(Codec.Parse(Topics.Ack(Cluster), Bytes(json)), WireErrorCode.InvalidField, "seq");
    }
}
