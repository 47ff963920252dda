namespace FleetOps.Benchmarks.FleetScale;

/// <summary>
/// Messages and bytes between the stores and the hub, counted at the stores as MQTT packets: each PUBLISH
/// with its fixed header, topic, packet id and (empty) property block, and the PUBACK that answers it in
/// the other direction. TCP/IP headers are not counted; CONNECT, SUBSCRIBE and keep-alives are counted
/// apart (see <see cref="PingBytes"/>).
/// </summary>
public sealed class WireTraffic
{
    /// <summary>A PINGREQ (or PINGRESP): fixed header only.</summary>
    public const int PingBytes = 2;

    // MQTT 5 PUBACK with reason Success and no properties may be sent as 2 + 2 bytes.
    private const int PubAckBytes = 4;

    private long messagesUp;
    private long bytesUp;
    private long messagesDown;
    private long bytesDown;

    public long MessagesUp => Interlocked.Read(ref messagesUp);

    public long BytesUp => Interlocked.Read(ref bytesUp);

    public long MessagesDown => Interlocked.Read(ref messagesDown);

    public long BytesDown => Interlocked.Read(ref bytesDown);

    public void Sent(string topic, int payloadBytes)
    {
        Interlocked.Increment(ref messagesUp);
        Interlocked.Add(ref bytesUp, PublishBytes(topic, payloadBytes));
        Interlocked.Add(ref bytesDown, PubAckBytes);
    }

    public void Received(string topic, int payloadBytes)
    {
        Interlocked.Increment(ref messagesDown);
        Interlocked.Add(ref bytesDown, PublishBytes(topic, payloadBytes));
        Interlocked.Add(ref bytesUp, PubAckBytes);
    }

    public TrafficSnapshot Snapshot() => new(MessagesUp, BytesUp, MessagesDown, BytesDown);

    /// <summary>A QoS 1 MQTT 5 PUBLISH on the wire: fixed header, topic, packet id, property length, payload.</summary>
    public static int PublishBytes(string topic, int payloadBytes)
    {
        var remaining = 2 + System.Text.Encoding.UTF8.GetByteCount(topic) + 2 + 1 + payloadBytes;
        var lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
        return 1 + lengthBytes + remaining;
    }
}
