using System.Globalization;
using System.Text.Json.Nodes;
using FleetOps.Shared.Contracts;
using static FleetOps.Shared.Tests.Contracts.WireFixtures;

namespace FleetOps.Shared.Tests.Contracts;

// Payloads of the right shape whose values break a contract rule: bad revisions, paths, counters, phases.
public sealed class WireCodecRuleTests
{
    [Fact]
    public void UnknownPhaseNameIsAnInvalidField()
    {
        var json = Node("status.json");
        json["groups"]![0]!["phase"] = "Sleeping";

        WireAssert.Refused(Codec.Parse(Topics.Status(Cluster), Bytes(json)), WireErrorCode.InvalidField);
    }

    // Enums on the wire are names: a number, even one that names a member today, is refused, so nothing
    // undefined can be stored and break every reader after it (a status with phase 99 once made the API answer 500).
    [Theory]
    [InlineData("99")]
    [InlineData("2")]
    [InlineData("-1")]
    public void ANumericPhaseIsAnInvalidField(string number)
    {
        var json = Node("status.json");
        json["groups"]![0]!["phase"] = JsonValue.Create(int.Parse(number, CultureInfo.InvariantCulture));

        WireAssert.Refused(Codec.Parse(Topics.Status(Cluster), Bytes(json)), WireErrorCode.InvalidField, "phase");
    }

    [Theory]
    [InlineData("99")]
    [InlineData("2")]
    [InlineData("Converged, Failed")]
    [InlineData("Converged,Pending")]
    public void APhaseThatIsNotExactlyOneNameIsAnInvalidField(string text)
    {
        var json = Node("status.json");
        json["groups"]![0]!["phase"] = text;

        WireAssert.Refused(Codec.Parse(Topics.Status(Cluster), Bytes(json)), WireErrorCode.InvalidField, "phase");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(0)]
    public void ANumericPresenceStateIsAnInvalidField(int number)
    {
        var json = Node("presence.json");
        json["state"] = number;

        WireAssert.Refused(Codec.Parse(Topics.Presence(Cluster), Bytes(json)), WireErrorCode.InvalidField, "state");
    }

    [Theory]
    [InlineData("7")]
    [InlineData("online, offline")]
    public void APresenceStateThatIsNotOneOfItsWordsIsAnInvalidField(string text)
    {
        var json = Node("presence.json");
        json["state"] = text;

        WireAssert.Refused(Codec.Parse(Topics.Presence(Cluster), Bytes(json)), WireErrorCode.InvalidField, "state");
    }

    [Theory]
    [InlineData("abc123")]
    [InlineData("main")]
    [InlineData("3F2A1C9D4E5B6A7980112233445566778899AABB")]
    public void DesiredRevisionMustBeAFullSha(string revision)
    {
        var json = Node("desired.json");
        json["groups"]![0]!["revision"] = revision;

        WireAssert.Refused(Codec.Parse(Topics.Desired(Cluster), Bytes(json)), WireErrorCode.InvalidField, "full commit sha");
    }

    [Fact]
    public void DesiredGroupListedTwiceIsRefused()
    {
        var json = Node("desired.json");
        json["groups"]![1]!["name"] = "platform";

        WireAssert.Refused(Codec.Parse(Topics.Desired(Cluster), Bytes(json)), WireErrorCode.InvalidField, "twice");
    }

    [Theory]
    [InlineData("/etc")]
    [InlineData("apps/../../outside")]
    public void DesiredPathMustStayInsideTheRepository(string path)
    {
        var json = Node("desired.json");
        json["groups"]![0]!["path"] = path;

        WireAssert.Refused(Codec.Parse(Topics.Desired(Cluster), Bytes(json)), WireErrorCode.InvalidField, "inside the repository");
    }

    [Fact]
    public void NegativeGenerationIsRefused()
    {
        var json = Node("desired.json");
        json["generation"] = -1;

        WireAssert.Refused(Codec.Parse(Topics.Desired(Cluster), Bytes(json)), WireErrorCode.InvalidField, "negative");
    }

    [Fact]
    public void NonPositiveReconcileIntervalIsRefused()
    {
        var json = Node("desired.json");
        json["reconcileIntervalSeconds"] = 0;

        WireAssert.Refused(Codec.Parse(Topics.Desired(Cluster), Bytes(json)), WireErrorCode.InvalidField, "reconcileIntervalSeconds");
    }

    [Theory]
    [InlineData("days", """["mon", "Tue"]""", "day 'Tue' is not one of mon, tue")]
    [InlineData("days", """["mon", "mon"]""", "day 'mon' is listed twice")]
    [InlineData("days", "[]", "days must name at least one day")]
    [InlineData("start", "\"2:00\"", "start '2:00' is not a time in HH:mm")]
    [InlineData("end", "\"24:00\"", "end '24:00' is not a time in HH:mm")]
    [InlineData("end", "\"22:00\"", "start and end are both 22:00")]
    [InlineData("timeZone", "\" \"", "timeZone must name a zone")]
    public void DesiredWindowsMustBeReadable(string field, string value, string mentions)
    {
        var json = Node("desired.json");
        json["groups"]![1]!["window"]![field] = System.Text.Json.Nodes.JsonNode.Parse(value);

        WireAssert.Refused(Codec.Parse(Topics.Desired(Cluster), Bytes(json)), WireErrorCode.InvalidField, $"groups[1] 'pos-east': window: {mentions}");
    }

    [Fact]
    public void AWindowInAZoneTheReceiverDoesNotKnowIsStillAccepted()
    {
        // The agent evaluates it in UTC and reports the problem; refusing the message would lose the revision.
        var json = Node("desired.json");
        json["groups"]![1]!["window"]!["timeZone"] = "Mars/Olympus_Mons";

        Assert.True(Codec.Parse(Topics.Desired(Cluster), Bytes(json)).IsOk);
    }

    [Fact]
    public void JournalEventsOutOfSeqOrderAreRefused()
    {
        var json = Node("journal.json");
        json["events"]![1]!["seq"] = 1203;

        WireAssert.Refused(Codec.Parse(Topics.Journal(Cluster), Bytes(json)), WireErrorCode.InvalidField, "seq");
    }

    [Fact]
    public void JournalEventWithEmptyKindIsRefused()
    {
        var json = Node("journal.json");
        json["events"]![0]!["kind"] = " ";

        WireAssert.Refused(Codec.Parse(Topics.Journal(Cluster), Bytes(json)), WireErrorCode.InvalidField, "kind");
    }

    [Theory]
    [InlineData("Offline")]
    [InlineData("Unknown")]
    public void AgentsMayNotReportTheHubsOwnPhases(string phase)
    {
        var json = Node("status.json");
        json["groups"]![0]!["phase"] = phase;

        WireAssert.Refused(Codec.Parse(Topics.Status(Cluster), Bytes(json)), WireErrorCode.InvalidField, "hub");
    }

    [Fact]
    public void ImpossibleResourceCountsAreRefused()
    {
        var json = Node("status.json");
        json["groups"]![0]!["resources"]!["healthy"] = 13;

        WireAssert.Refused(Codec.Parse(Topics.Status(Cluster), Bytes(json)), WireErrorCode.InvalidField, "impossible");
    }

    [Fact]
    public void NegativeHelloCountersAreRefused()
    {
        var json = Node("hello.json");
        json["lastJournalSeq"] = -5;

        WireAssert.Refused(Codec.Parse(Topics.Hello(Cluster), Bytes(json)), WireErrorCode.InvalidField, "lastJournalSeq");
    }

    [Fact]
    public void NegativeAckIsRefused()
    {
        var json = Node("ack.json");
        json["seq"] = -1;

        WireAssert.Refused(Codec.Parse(Topics.Ack(Cluster), Bytes(json)), WireErrorCode.InvalidField, "seq");
    }
}
