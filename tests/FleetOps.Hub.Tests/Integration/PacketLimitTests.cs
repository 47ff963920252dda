using System.Diagnostics;
using System.Net.Sockets;
using FleetOps.Hub.Tests.Harness;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using MQTTnet;
using Xunit.Abstractions;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>
/// The embedded broker judges a packet by its fixed header, before reading (or allocating) its body: a client
/// that has not authenticated may send a CONNECT of a few KB and nothing else, an agent packets up to the payload
/// limit. A raw CONNECT declaring 200 MB was once read whole into memory before authentication (four at once took
/// the hub from 425 MB to 1.2 GB), and a connection that said nothing was held for 100 s.
/// </summary>
public sealed class PacketLimitTests(ITestOutputHelper output)
{
    private const int TwoHundredMegabytes = 200 * 1024 * 1024;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    private static Task<HubScenario> StartHubAsync() => StartAsync(refresh: false, hub: o => o with
    {
        Settings = new Dictionary<string, string?> { ["Hub:Mqtt:ConnectTimeout"] = ConnectTimeout.ToString("c") },
    });

    [Fact]
    public async Task ConnectsDeclaringTwoHundredMegabytesAreClosedAtOnceWithoutTheHubAllocatingThem()
    {
        const string TooLarge = "fleetops_hub_refused_clients_total{reason=\"connect_too_large\"}";
        await using var scenario = await StartHubAsync();
        var before = (await Scrape.OfAsync(scenario.Hub)).Value(TooLarge);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var attackers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            var socket = new TcpClient();
            await socket.ConnectAsync("127.0.0.1", scenario.Hub.MqttPort);
            await socket.GetStream().WriteAsync(FixedHeader(0x10, TwoHundredMegabytes));
            await socket.GetStream().WriteAsync(new byte[64 * 1024]);
            return socket;
        }));

        foreach (var attacker in attackers)
            using (attacker)
                Assert.True(await ClosedByPeerAsync(attacker, TimeSpan.FromSeconds(10)), "the hub closes a connection whose CONNECT is too large");
        Assert.True(clock.Elapsed < ConnectTimeout, $"closed on the header, not by the connect timeout ({clock.Elapsed})");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"4 CONNECTs declaring 200 MB: closed after {clock.ElapsedMilliseconds} ms, {allocated / 1024} KB allocated in the process meanwhile");
        Assert.True(allocated < 100L * 1024 * 1024, $"the process allocated {allocated / (1024 * 1024)} MB during the attack");
        await Eventually.UntilAsync(async () => (await Scrape.OfAsync(scenario.Hub)).Value(TooLarge) == before + 4, "each refusal is counted");
        await AnAgentStillConnectsAsync(scenario, "store-after-big-connect");
    }

    [Fact]
    public async Task AConnectionThatSendsNoConnectIsClosedWithinTheConnectTimeout()
    {
        const string Timeout = "fleetops_hub_refused_clients_total{reason=\"connect_timeout\"}";
        await using var scenario = await StartHubAsync();
        var before = (await Scrape.OfAsync(scenario.Hub)).Value(Timeout);
        var clock = Stopwatch.StartNew();

        using var silent = new TcpClient();
        await silent.ConnectAsync("127.0.0.1", scenario.Hub.MqttPort);
        using var trickle = new TcpClient();
        await trickle.ConnectAsync("127.0.0.1", scenario.Hub.MqttPort);
        // A CONNECT that starts but never finishes is no better than silence.
        await trickle.GetStream().WriteAsync(FixedHeader(0x10, 100));

        Assert.True(await ClosedByPeerAsync(silent, ConnectTimeout + TimeSpan.FromSeconds(5)), "a silent connection is closed");
        Assert.True(await ClosedByPeerAsync(trickle, TimeSpan.FromSeconds(5)), "an unfinished CONNECT is closed");
        Assert.True(clock.Elapsed >= ConnectTimeout - TimeSpan.FromMilliseconds(200), $"not before the timeout ({clock.Elapsed})");
        await Eventually.UntilAsync(async () => (await Scrape.OfAsync(scenario.Hub)).Value(Timeout) == before + 2, "both are counted");
        await AnAgentStillConnectsAsync(scenario, "store-after-silence");
    }

    [Fact]
    public async Task AFirstPacketThatIsNotAConnectIsRefusedOnItsHeader()
    {
        const string NotConnect = "fleetops_hub_refused_clients_total{reason=\"not_connect\"}";
        await using var scenario = await StartHubAsync();
        var before = (await Scrape.OfAsync(scenario.Hub)).Value(NotConnect);

        using var publisher = new TcpClient();
        await publisher.ConnectAsync("127.0.0.1", scenario.Hub.MqttPort);
        await publisher.GetStream().WriteAsync(FixedHeader(0x30, 1000));

        Assert.True(await ClosedByPeerAsync(publisher, TimeSpan.FromSeconds(1)), "a PUBLISH before CONNECT is closed at once");
        await Eventually.UntilAsync(async () => (await Scrape.OfAsync(scenario.Hub)).Value(NotConnect) == before + 1, "it is counted");
    }

    [Fact]
    public async Task AnAgentsPacketOverThePayloadLimitClosesItsConnectionAndOneUnderItIsRead()
    {
        const string TooLarge = "fleetops_hub_refused_clients_total{reason=\"packet_too_large\"}";
        await using var scenario = await StartHubAsync();
        await scenario.Hub.Client.RefreshAsync(default);
        var agent = await scenario.AddAgentAsync("store-big-publisher", Labels(("region", "east")));
        await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");
        var before = (await Scrape.OfAsync(scenario.Hub)).Value(TooLarge);

        // Under the packet limit but over the payload limit: read, then refused by the codec as TooLarge.
        var justOver = new byte[WireOptions.DefaultMaxPayloadBytes + 1024];
        await agent.PublishAsync(Topics.Status(agent.ClusterId), justOver);
        Assert.True(agent.IsConnected);

        await Record.ExceptionAsync(() => agent.PublishAsync(Topics.Status(agent.ClusterId), new byte[4 * 1024 * 1024]));

        await Eventually.UntilAsync(() => !agent.IsConnected, "the agent sending a 4 MB packet is disconnected");
        await Eventually.UntilAsync(async () => (await Scrape.OfAsync(scenario.Hub)).Value(TooLarge) == before + 1, "it is counted");
        await AnAgentStillConnectsAsync(scenario, "store-after-big-publish");
    }

    /// <summary>An MQTT fixed header: the packet type and flags, then the remaining length as a variable byte integer.</summary>
    private static byte[] FixedHeader(byte typeAndFlags, int remainingLength)
    {
        var header = new List<byte> { typeAndFlags };
        do
        {
            var digit = (byte)(remainingLength % 128);
            remainingLength /= 128;
            header.Add(remainingLength > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (remainingLength > 0);
        return [.. header];
    }

    /// <summary>Whether the hub closed the connection (end of stream or reset) within <paramref name="within"/>.</summary>
    private static async Task<bool> ClosedByPeerAsync(TcpClient client, TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        var buffer = new byte[1024];
        try
        {
            while (await client.GetStream().ReadAsync(buffer, deadline.Token) > 0)
            {
            }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task AnAgentStillConnectsAsync(HubScenario scenario, string id)
    {
        var agent = await scenario.AddAgentAsync(id, Labels(("region", "west")), connect: false);
        Assert.Equal(MqttClientConnectResultCode.Success, await agent.ConnectAsync());
    }
}
