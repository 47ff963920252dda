using System.Text;
using FleetOps.Shared.Contracts;
using static FleetOps.Shared.Tests.Contracts.WireFixtures;

namespace FleetOps.Shared.Tests.Contracts;

// Payloads the codec refuses before reading their content: too large, wrong topic, not JSON, wrong version or shape.
public sealed class WireCodecShapeTests
{
    [Fact]
    public void PayloadOverTheLimitIsRefusedBeforeParsing()
    {
        var small = new WireCodec(new WireOptions(MaxPayloadBytes: 64));

        var result = small.Parse(Topics.Desired(Cluster), Payload("desired.json"));

        WireAssert.Refused(result, WireErrorCode.TooLarge, "64");
    }

    [Fact]
    public void DefaultLimitIs256KiB()
    {
        var json = Node("journal.json");
        json["padding"] = new string('x', WireOptions.DefaultMaxPayloadBytes);

        WireAssert.Refused(Codec.Parse(Topics.Journal(Cluster), Bytes(json)), WireErrorCode.TooLarge);
        Assert.Equal(256 * 1024, WireOptions.Default.MaxPayloadBytes);
    }

    [Theory]
    [InlineData("fleetops/v1/clusters/store-0042")]
    [InlineData("fleetops/v1/clusters/store-0042/unknown")]
    [InlineData("fleetops/v2/clusters/store-0042/status")]
    [InlineData("fleetops/v1/clusters/+/status")]
    [InlineData("fleetops/v1/clusters/store-0042/status/extra")]
    public void TopicsOutsideTheV1SchemeAreRefused(string topic)
    {
        WireAssert.Refused(Codec.Parse(topic, Payload("status.json")), WireErrorCode.UnknownTopic);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"v\": 1, \"clusterId\": \"store-0042\"")]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"just a string\"")]
    [InlineData("")]
    public void GarbageIsRefusedAsInvalidJson(string payload)
    {
        WireAssert.Refused(Codec.Parse(Topics.Status(Cluster), Encoding.UTF8.GetBytes(payload)), WireErrorCode.InvalidJson);
    }

    [Fact]
    public void InvalidUtf8IsRefusedAsInvalidJson()
    {
        byte[] payload = [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'];

        WireAssert.Refused(Codec.Parse(Topics.Ack(Cluster), payload), WireErrorCode.InvalidJson);
    }

    [Fact]
    public void MissingVersionIsAMissingField()
    {
        var json = Node("ack.json");
        json.AsObject().Remove("v");

        WireAssert.Refused(Codec.Parse(Topics.Ack(Cluster), Bytes(json)), WireErrorCode.MissingField, "'v'");
    }

    [Fact]
    public void NonIntegerVersionIsAnInvalidField()
    {
        var json = Node("ack.json");
        json["v"] = "1";

        WireAssert.Refused(Codec.Parse(Topics.Ack(Cluster), Bytes(json)), WireErrorCode.InvalidField, "'v'");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(99)]
    public void UnknownMajorVersionIsRefused(int major)
    {
        var json = Node("status.json");
        json["v"] = major;

        WireAssert.Refused(Codec.Parse(Topics.Status(Cluster), Bytes(json)), WireErrorCode.UnsupportedVersion, major.ToString());
    }

    [Fact]
    public void UnknownMajorVersionIsJudgedBeforeTheRestOfTheShape()
    {
        // A v2 payload may look nothing like v1; it must be reported as a version problem, not a missing field.
        var result = Codec.Parse(Topics.Status(Cluster), Encoding.UTF8.GetBytes("{\"v\":2,\"completely\":\"different\"}"));

        WireAssert.Refused(result, WireErrorCode.UnsupportedVersion);
    }

    [Fact]
    public void MissingClusterIdIsAMissingField()
    {
        var json = Node("hello.json");
        json.AsObject().Remove("clusterId");

        WireAssert.Refused(Codec.Parse(Topics.Hello(Cluster), Bytes(json)), WireErrorCode.MissingField, "'clusterId'");
    }

    [Fact]
    public void PayloadNamingAnotherClusterIsRefused()
    {
        WireAssert.Refused(Codec.Parse(Topics.Status("store-0043"), Payload("status.json")), WireErrorCode.ClusterMismatch, "store-0043");
    }

    [Theory]
    [InlineData("desired.json", MessageKind.Desired, "generation")]
    [InlineData("desired.json", MessageKind.Desired, "source")]
    [InlineData("desired.json", MessageKind.Desired, "groups")]
    [InlineData("hello.json", MessageKind.Hello, "labels")]
    [InlineData("status.json", MessageKind.Status, "groups")]
    [InlineData("journal.json", MessageKind.Journal, "events")]
    [InlineData("ack.json", MessageKind.Ack, "seq")]
    [InlineData("presence.json", MessageKind.Presence, "state")]
    public void MissingRequiredFieldIsRefused(string file, MessageKind kind, string field)
    {
        var json = Node(file);
        json.AsObject().Remove(field);

        WireAssert.Refused(Codec.Parse(Topics.For(Cluster, kind), Bytes(json)), WireErrorCode.MissingField, field);
    }

    [Fact]
    public void MissingFieldInsideAListIsRefused()
    {
        var json = Node("desired.json");
        json["groups"]![1]!.AsObject().Remove("revision");

        WireAssert.Refused(Codec.Parse(Topics.Desired(Cluster), Bytes(json)), WireErrorCode.MissingField, "revision");
    }

    [Theory]
    [InlineData("days")]
    [InlineData("start")]
    [InlineData("end")]
    [InlineData("timeZone")]
    public void AWindowMissingAFieldIsRefused(string field)
    {
        var json = Node("desired.json");
        json["groups"]![1]!["window"]!.AsObject().Remove(field);

        WireAssert.Refused(Codec.Parse(Topics.Desired(Cluster), Bytes(json)), WireErrorCode.MissingField, field);
    }

    [Fact]
    public void AWindowThatIsNotAnObjectIsAnInvalidField()
    {
        var json = Node("desired.json");
        json["groups"]![1]!["window"] = "22:00-02:00";

        WireAssert.Refused(Codec.Parse(Topics.Desired(Cluster), Bytes(json)), WireErrorCode.InvalidField, "window");
    }

    [Fact]
    public void NullForARequiredStringIsAnInvalidField()
    {
        var json = Node("hello.json");
        json["agentVersion"] = null;

        WireAssert.Refused(Codec.Parse(Topics.Hello(Cluster), Bytes(json)), WireErrorCode.InvalidField);
    }

    [Fact]
    public void WrongTypeIsAnInvalidField()
    {
        var json = Node("desired.json");
        json["generation"] = "seven";

        WireAssert.Refused(Codec.Parse(Topics.Desired(Cluster), Bytes(json)), WireErrorCode.InvalidField, "generation");
    }

    [Fact]
    public void AskingForTheWrongMessageTypeIsAKindMismatch()
    {
        WireAssert.Refused(Codec.Parse<DesiredMessage>(Topics.Ack(Cluster), Payload("ack.json")), WireErrorCode.KindMismatch);
    }
}
