using FleetOps.Hub.Messaging.Embedded;

namespace FleetOps.Hub.Tests.Unit;

/// <summary>The fixed-header rule of the embedded broker, fed as a socket would feed it: in any chunking.</summary>
public sealed class PacketGuardTests
{
    private const int MaxConnect = 100;
    private const int MaxPacket = 1000;

    [Fact]
    public void AConnectAtTheLimitThenPacketsAtTheirLimitPassWhateverTheChunking()
    {
        byte[] stream = [.. Packet(0x10, MaxConnect), .. Packet(0x30, MaxPacket), .. Packet(0xC0, 0), .. Packet(0x30, 200)];

        foreach (var chunk in new[] { 1, 2, 3, 7, 64, stream.Length })
        {
            var guard = new PacketGuard(MaxConnect, MaxPacket);
            for (var i = 0; i < stream.Length; i += chunk)
                Assert.Null(guard.Take(stream.AsSpan(i, Math.Min(chunk, stream.Length - i))));
            Assert.True(guard.ConnectRead);
        }
    }

    [Fact]
    public void AConnectOneByteOverItsLimitIsRefusedOnItsHeader() =>
        Assert.Equal(PacketGuard.ConnectTooLarge, new PacketGuard(MaxConnect, MaxPacket).Take(Header(0x10, MaxConnect + 1)));

    [Fact]
    public void TheCompleteConnectIsNotReadUntilItsLastByte()
    {
        var guard = new PacketGuard(MaxConnect, MaxPacket);
        var connect = Packet(0x10, 50);

        Assert.Null(guard.Take(connect.AsSpan(0, connect.Length - 1)));
        Assert.False(guard.ConnectRead);
        Assert.Null(guard.Take(connect.AsSpan(connect.Length - 1)));
        Assert.True(guard.ConnectRead);
    }

    [Fact]
    public void APacketAfterTheConnectOneByteOverItsLimitIsRefused()
    {
        var guard = new PacketGuard(MaxConnect, MaxPacket);
        Assert.Null(guard.Take(Packet(0x10, 10)));

        Assert.Equal(PacketGuard.PacketTooLarge, guard.Take(Header(0x30, MaxPacket + 1)));
    }

    [Theory]
    [InlineData(0x30)]
    [InlineData(0x82)]
    [InlineData(0xC0)]
    public void AnythingButAConnectFirstIsRefused(byte type) =>
        Assert.Equal(PacketGuard.NotConnect, new PacketGuard(MaxConnect, MaxPacket).Take([type, 0]));

    [Fact]
    public void ARemainingLengthOfMoreThanFourBytesIsMalformed()
    {
        var guard = new PacketGuard(MaxConnect, int.MaxValue);
        Assert.Null(guard.Take(Packet(0x10, 10)));

        Assert.Equal(PacketGuard.Malformed, guard.Take([0x30, 0x80, 0x80, 0x80, 0x80]));
    }

    [Fact]
    public void TwoHundredMegabytesDeclaredByteByByteIsRefusedAtTheLastLengthByte()
    {
        var guard = new PacketGuard(4096, 300 * 1024);
        var header = Header(0x10, 200 * 1024 * 1024);

        for (var i = 0; i < header.Length - 1; i++)
            Assert.Null(guard.Take(header.AsSpan(i, 1)));
        Assert.Equal(PacketGuard.ConnectTooLarge, guard.Take(header.AsSpan(header.Length - 1, 1)));
    }

    private static byte[] Packet(byte type, int length) => [.. Header(type, length), .. new byte[length]];

    private static byte[] Header(byte type, int length)
    {
        var header = new List<byte> { type };
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            header.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (length > 0);
        return [.. header];
    }
}
