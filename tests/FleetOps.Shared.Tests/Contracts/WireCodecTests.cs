using System.Text;
using System.Text.Json.Nodes;
using FleetOps.Shared.Contracts;
using static FleetOps.Shared.Tests.Contracts.WireFixtures;

namespace FleetOps.Shared.Tests.Contracts;

public sealed class WireCodecTests
{
    private static readonly WireCodec Codec = WireCodec.Default;

    public static TheoryData<MessageKind, string> Fixtures => new()
    {
        { MessageKind.Desired, "desired.json" },
        { MessageKind.Hello, "hello.json" },
        { MessageKind.Status, "status.json" },
        { MessageKind.Journal, "journal.json" },
        { MessageKind.Ack, "ack.json" },
        { MessageKind.Presence, "presence.json" },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryFixtureParsesOnItsOwnTopic(MessageKind kind, string file)
    {
        var result = Codec.Parse(Topics.For(Cluster, kind), Payload(file));

        Assert.True(result.IsOk, result.Error?.ToString());
        Assert.Equal(Cluster, result.Message.ClusterId);
        Assert.Equal(1, result.Message.V);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryMessageSurvivesARoundTrip(MessageKind kind, string file)
    {
        var topic = Topics.For(Cluster, kind);
        var first = Codec.Parse(topic, Payload(file));
        Assert.True(first.IsOk, first.Error?.ToString());

        var again = Codec.Parse(topic, Reserialize(first.Message));

        Assert.True(again.IsOk, again.Error?.ToString());
        Assert.Equal(JsonNode.Parse(Reserialize(first.Message))!.ToJsonString(), JsonNode.Parse(Reserialize(again.Message))!.ToJsonString());
    }

    [Fact]
    public void DesiredMessageCarriesEveryFieldOfTheFixture()
    {
        var desired = Codec.Parse<DesiredMessage>(Topics.Desired(Cluster), Payload("desired.json"));

        Assert.True(desired.IsOk, desired.Error?.ToString());
        var m = desired.Message;
        Assert.Equal(7, m.Generation);
        Assert.Equal("main", m.Source.Branch);
        Assert.Equal(["platform", "pos-east"], m.Groups.Select(g => g.Name));
        Assert.Equal("apps/pos/overlays/east", m.Groups[1].Path);
        Assert.Equal(300, m.ReconcileIntervalSeconds);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 11, 55, 0, TimeSpan.Zero), m.IssuedAt);
    }

    [Fact]
    public void StatusPhasesAndPresenceStatesTravelAsReadableWords()
    {
        var status = new StatusMessage(1, Cluster, 3, DateTimeOffset.UnixEpoch,
            [new GroupStatus("pos", Phase.Converged, Reasons.ReconciliationSucceeded, null, null, null, new ResourceCounts(2, 2), [])]);
        var presence = new PresenceMessage(1, Cluster, PresenceState.Offline, DateTimeOffset.UnixEpoch);

        var statusJson = WireCodec.SerializeToString(status);
        var presenceJson = WireCodec.SerializeToString(presence);

        Assert.Contains("\"phase\":\"Converged\"", statusJson);
        Assert.Contains("\"v\":1", statusJson);
        Assert.Contains("\"state\":\"offline\"", presenceJson);
        Assert.Contains("\"message\":null", statusJson);
    }

    [Fact]
    public void MessagesWithNullFieldsReadBackThroughTheContext()
    {
        // The agent's store and the hub keep contracts with the same context they send them with.
        var status = new GroupStatus("pos", Phase.Pending, Reasons.Pending, null, null, null, ResourceCounts.None, []);

        var json = System.Text.Json.JsonSerializer.Serialize(status, ContractsJsonContext.Default.GroupStatus);
        var back = System.Text.Json.JsonSerializer.Deserialize(json, ContractsJsonContext.Default.GroupStatus);

        Assert.NotNull(back);
        Assert.Null(back.AppliedRevision);
        Assert.Equal(Phase.Pending, back.Phase);
    }

    [Fact]
    public void OmittedNullableFieldsParseAsNullSoOlderWritersStayReadable()
    {
        // A writer that predates a nullable field, or omits nulls, must still be understood.
        var status = System.Text.Json.Nodes.JsonNode.Parse(WireCodec.SerializeToString(new StatusMessage(1, Cluster, 3, DateTimeOffset.UnixEpoch,
            [new GroupStatus("pos", Phase.Pending, Reasons.Pending, null, null, null, new ResourceCounts(0, 0), [])])))!;
        var group = status["groups"]![0]!.AsObject();
        group.Remove("message");
        group.Remove("desiredRevision");
        group.Remove("appliedRevision");
        var hello = System.Text.Json.Nodes.JsonNode.Parse(WireCodec.SerializeToString(
            new HelloMessage(1, Cluster, "1.0", new Dictionary<string, string>(), null, 0, 0, DateTimeOffset.UnixEpoch)))!.AsObject();
        hello.Remove("kubernetesVersion");

        var parsedStatus = Codec.Parse<StatusMessage>(Topics.Status(Cluster), System.Text.Encoding.UTF8.GetBytes(status.ToJsonString()));
        var parsedHello = Codec.Parse<HelloMessage>(Topics.Hello(Cluster), System.Text.Encoding.UTF8.GetBytes(hello.ToJsonString()));

        Assert.True(parsedStatus.IsOk, parsedStatus.Error?.ToString());
        Assert.Null(parsedStatus.Message.Groups[0].AppliedRevision);
        Assert.True(parsedHello.IsOk, parsedHello.Error?.ToString());
        Assert.Null(parsedHello.Message.KubernetesVersion);
    }

    [Fact]
    public void UnknownFieldsAreIgnoredSoMinorAdditionsStayCompatible()
    {
        var json = Node("ack.json");
        json["addedInV1Dot1"] = "whatever";

        var result = Codec.Parse(Topics.Ack(Cluster), Bytes(json));

        Assert.True(result.IsOk, result.Error?.ToString());
    }

    [Fact]
    public void PayloadOverTheLimitIsRefusedBeforeParsing()
    {
        var small = new WireCodec(new WireOptions(MaxPayloadBytes: 64));

        var result = small.Parse(Topics.Desired(Cluster), Payload("desired.json"));

        AssertRefused(result, WireErrorCode.TooLarge, "64");
    }

    [Fact]
    public void DefaultLimitIs256KiB()
    {
        var json = Node("journal.json");
        json["padding"] = new string('x', WireOptions.DefaultMaxPayloadBytes);

        AssertRefused(Codec.Parse(Topics.Journal(Cluster), Bytes(json)), WireErrorCode.TooLarge);
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
        AssertRefused(Codec.Parse(topic, Payload("status.json")), WireErrorCode.UnknownTopic);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"v\": 1, \"clusterId\": \"store-0042\"")]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"just a string\"")]
    [InlineData("")]
    public void GarbageIsRefusedAsInvalidJson(string payload)
    {
        AssertRefused(Codec.Parse(Topics.Status(Cluster), Encoding.UTF8.GetBytes(payload)), WireErrorCode.InvalidJson);
    }

    [Fact]
    public void InvalidUtf8IsRefusedAsInvalidJson()
    {
        byte[] payload = [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'];

        AssertRefused(Codec.Parse(Topics.Ack(Cluster), payload), WireErrorCode.InvalidJson);
    }

    [Fact]
    public void MissingVersionIsAMissingField()
    {
        var json = Node("ack.json");
        json.AsObject().Remove("v");

        AssertRefused(Codec.Parse(Topics.Ack(Cluster), Bytes(json)), WireErrorCode.MissingField, "'v'");
    }

    [Fact]
    public void NonIntegerVersionIsAnInvalidField()
    {
        var json = Node("ack.json");
        json["v"] = "1";

        AssertRefused(Codec.Parse(Topics.Ack(Cluster), Bytes(json)), WireErrorCode.InvalidField, "'v'");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(99)]
    public void UnknownMajorVersionIsRefused(int major)
    {
        var json = Node("status.json");
        json["v"] = major;

        AssertRefused(Codec.Parse(Topics.Status(Cluster), Bytes(json)), WireErrorCode.UnsupportedVersion, major.ToString());
    }

    [Fact]
    public void UnknownMajorVersionIsJudgedBeforeTheRestOfTheShape()
    {
        // A v2 payload may look nothing like v1; it must be reported as a version problem, not a missing field.
        var result = Codec.Parse(Topics.Status(Cluster), Encoding.UTF8.GetBytes("{\"v\":2,\"completely\":\"different\"}"));

        AssertRefused(result, WireErrorCode.UnsupportedVersion);
    }

    [Fact]
    public void MissingClusterIdIsAMissingField()
    {
        var json = Node("hello.json");
        json.AsObject().Remove("clusterId");

        AssertRefused(Codec.Parse(Topics.Hello(Cluster), Bytes(json)), WireErrorCode.MissingField, "'clusterId'");
    }

    [Fact]
    public void PayloadNamingAnotherClusterIsRefused()
    {
        AssertRefused(Codec.Parse(Topics.Status("store-0043"), Payload("status.json")), WireErrorCode.ClusterMismatch, "store-0043");
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

        AssertRefused(Codec.Parse(Topics.For(Cluster, kind), Bytes(json)), WireErrorCode.MissingField, field);
    }

    [Fact]
    public void MissingFieldInsideAListIsRefused()
    {
        var json = Node("desired.json");
        json["groups"]![1]!.AsObject().Remove("revision");

        AssertRefused(Codec.Parse(Topics.Desired(Cluster), Bytes(json)), WireErrorCode.MissingField, "revision");
    }

    [Fact]
    public void NullForARequiredStringIsAnInvalidField()
    {
        var json = Node("hello.json");
        json["agentVersion"] = null;

        AssertRefused(Codec.Parse(Topics.Hello(Cluster), Bytes(json)), WireErrorCode.InvalidField);
    }

    [Fact]
    public void WrongTypeIsAnInvalidField()
    {
        var json = Node("desired.json");
        json["generation"] = "seven";

        AssertRefused(Codec.Parse(Topics.Desired(Cluster), Bytes(json)), WireErrorCode.InvalidField, "generation");
    }

    [Fact]
    public void UnknownPhaseNameIsAnInvalidField()
    {
        var json = Node("status.json");
        json["groups"]![0]!["phase"] = "Sleeping";

        AssertRefused(Codec.Parse(Topics.Status(Cluster), Bytes(json)), WireErrorCode.InvalidField);
    }

    [Fact]
    public void AskingForTheWrongMessageTypeIsAKindMismatch()
    {
        AssertRefused(Codec.Parse<DesiredMessage>(Topics.Ack(Cluster), Payload("ack.json")), WireErrorCode.KindMismatch);
    }

    private static byte[] Reserialize(IClusterMessage message) => message switch
    {
        DesiredMessage m => WireCodec.Serialize(m),
        HelloMessage m => WireCodec.Serialize(m),
        StatusMessage m => WireCodec.Serialize(m),
        JournalMessage m => WireCodec.Serialize(m),
        AckMessage m => WireCodec.Serialize(m),
        PresenceMessage m => WireCodec.Serialize(m),
        _ => throw new ArgumentOutOfRangeException(nameof(message)),
    };
}
