using System.Text.Json.Nodes;
using FleetOps.Shared.Contracts;
using static FleetOps.Shared.Tests.Contracts.WireFixtures;

namespace FleetOps.Shared.Tests.Contracts;

// What the codec accepts: every fixture parses, survives a round trip, and reads back field for field.
public sealed class WireCodecRoundTripTests
{
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
        Assert.Null(m.Groups[0].Window);
        Assert.Equal(new DesiredWindow(["mon", "tue", "wed", "thu", "fri"], "22:00", "02:00", "America/New_York"), m.Groups[1].Window);
    }

    [Fact]
    public void ADesiredGroupFromAHubThatPredatesWindowsParsesWithoutOne()
    {
        var json = Node("desired.json");
        json["groups"]![1]!.AsObject().Remove("window");

        var result = Codec.Parse<DesiredMessage>(Topics.Desired(Cluster), Bytes(json));

        Assert.True(result.IsOk, result.Error?.ToString());
        Assert.All(result.Message.Groups, group => Assert.Null(group.Window));
    }

    [Fact]
    public void AGroupWithoutAWindowIsWrittenWithAnExplicitNull()
    {
        var desired = new DesiredMessage(1, Cluster, 1, new SourceRef("https://example.com/fleet.git", "main"),
            [new DesiredGroup("pos", "apps/pos", new string('a', 40), "sha256:x")], 300, DateTimeOffset.UnixEpoch);

        Assert.Contains("\"window\":null", WireCodec.SerializeToString(desired));
    }

    [Fact]
    public void WindowsAreComparedByValue()
    {
        var window = new DesiredWindow(["sat", "sun"], "02:00", "05:00", "UTC");

        Assert.Equal(window, new DesiredWindow(new List<string> { "sat", "sun" }, "02:00", "05:00", "UTC"));
        Assert.Equal(new DesiredGroup("pos", "p", "r", "d", window), new DesiredGroup("pos", "p", "r", "d", window with { }));
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
