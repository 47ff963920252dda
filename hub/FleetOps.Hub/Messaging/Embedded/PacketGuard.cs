namespace FleetOps.Hub.Messaging.Embedded;

/// <summary>
/// Follows the MQTT packets a client sends, byte by byte as they are read, and refuses one by its fixed header,
/// before its body is read: MQTTnet allocates a packet's whole body as soon as it has read the remaining length,
/// so a CONNECT declaring 200 MB cost 200 MB before anyone knew who sent it. The first packet must be a CONNECT of
/// at most <c>maxConnectBytes</c>; MQTTnet reads nothing more before authenticating it, so every later packet
/// comes from an authenticated client and may be up to <c>maxPacketBytes</c>.
/// </summary>
internal sealed class PacketGuard(int maxConnectBytes, int maxPacketBytes)
{
    public const string ConnectTooLarge = "connect_too_large";
    public const string NotConnect = "not_connect";
    public const string PacketTooLarge = "packet_too_large";
    public const string Malformed = "malformed_length";

    private const int ConnectType = 1;

    // The remaining length is a variable byte integer of at most four bytes (MQTT 3.1.1 and 5, section 2.2.3).
    private const int MaxLengthBytes = 4;

    private Part part = Part.Type;
    private long length;
    private long multiplier;
    private int lengthBytes;
    private long bodyLeft;

    private enum Part
    {
        Type,
        Length,
        Body,
    }

    /// <summary>The CONNECT has been read whole; from now on only the size of packets is judged.</summary>
    public bool ConnectRead { get; private set; }

    /// <summary>Takes the next bytes the client sent; returns why the connection must be closed, or null.</summary>
    public string? Take(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            switch (part)
            {
                case Part.Type:
                    if (!ConnectRead && bytes[i] >> 4 != ConnectType)
                        return NotConnect;
                    (part, length, multiplier, lengthBytes) = (Part.Length, 0, 1, 0);
                    i++;
                    break;
                case Part.Length:
                    var digit = bytes[i++];
                    length += (digit & 0x7f) * multiplier;
                    multiplier *= 128;
                    lengthBytes++;
                    if (length > Limit)
                        return ConnectRead ? PacketTooLarge : ConnectTooLarge;
                    if ((digit & 0x80) == 0)
                        StartBody();
                    else if (lengthBytes == MaxLengthBytes)
                        return Malformed;
                    break;
                case Part.Body:
                    var taken = (int)Math.Min(bodyLeft, bytes.Length - i);
                    i += taken;
                    bodyLeft -= taken;
                    if (bodyLeft == 0)
                        EndPacket();
                    break;
            }
        }
        return null;
    }

    private long Limit => ConnectRead ? maxPacketBytes : maxConnectBytes;

    private void StartBody()
    {
        bodyLeft = length;
        part = Part.Body;
        if (bodyLeft == 0)
            EndPacket();
    }

    private void EndPacket()
    {
        part = Part.Type;
        ConnectRead = true;
    }
}
