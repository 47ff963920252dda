using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FleetOps.Hub.Tests.Harness;
using FleetOps.Testing.Files;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Network;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>
/// The embedded broker listens on exactly the addresses configured, IPv4 and IPv6 alike, checked the way a port
/// scan would find them: with BindAddress=127.0.0.1 it once also listened on [::], reachable over IPv6. TLS listens on
/// BindAddress; plain MQTT only on its loopback part unless the operator opens it.
/// </summary>
public sealed class BrokerListenerTests
{
    [Theory]
    [InlineData("127.0.0.1", new[] { "127.0.0.1" })]
    [InlineData("::1", new[] { "::1" })]
    [InlineData("loopback", new[] { "127.0.0.1", "::1" })]
    [InlineData("127.0.0.1, ::1", new[] { "127.0.0.1", "::1" })]
    [InlineData("0.0.0.0", new[] { "0.0.0.0" })]
    [InlineData("any", new[] { "0.0.0.0", "::" })]
    public async Task TheBrokerListensOnExactlyTheConfiguredAddresses(string bindAddress, string[] expected)
    {
        await using var scenario = await HubScenario.StartAsync(refresh: false, hub: o => o with
        {
            Settings = new Dictionary<string, string?> { ["Hub:Mqtt:BindAddress"] = bindAddress },
        });

        Assert.Equal(expected.Order(), ListeningSockets.On(scenario.Hub.TlsPort).Select(a => a.ToString()).Order());
    }

    [Theory]
    [InlineData("127.0.0.1", new[] { "127.0.0.1" })]
    [InlineData("::1", new[] { "::1" })]
    [InlineData("0.0.0.0", new[] { "127.0.0.1" })]
    [InlineData("::", new[] { "::1" })]
    [InlineData("any", new[] { "127.0.0.1", "::1" })]
    public async Task ByDefaultPlainMqttListensOnlyOnTheLoopbackPartOfTheBindAddress(string bindAddress, string[] expected)
    {
        await using var scenario = await HubScenario.StartAsync(refresh: false, hub: o => o with
        {
            Settings = new Dictionary<string, string?> { ["Hub:Mqtt:BindAddress"] = bindAddress },
        });

        Assert.Equal(expected.Order(), ListeningSockets.On(scenario.Hub.MqttPort).Select(a => a.ToString()).Order());
    }

    [Fact]
    public async Task PlainOnAllInterfacesIsTheOnlyWayToOpenPlainMqttToTheNetwork()
    {
        await using var scenario = await HubScenario.StartAsync(refresh: false, hub: o => o with
        {
            Settings = new Dictionary<string, string?> { ["Hub:Mqtt:BindAddress"] = "any", ["Hub:Mqtt:PlainOnAllInterfaces"] = "true" },
        });

        Assert.Equal(["0.0.0.0", "::"], ListeningSockets.On(scenario.Hub.MqttPort).Select(a => a.ToString()).Order());
        var broker = await scenario.Hub.Client.GetBrokerAsync(default);
        Assert.Contains(broker.Endpoints, e => e.Url.StartsWith("mqtt://", StringComparison.Ordinal) && e.Reach.Contains("unencrypted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithTlsThePlainPortListensOnTheLoopbacksOnlyAndTlsWhereConfigured()
    {
        using var folder = new TempDir();
        var pfx = folder.Sub("broker.pfx");
        File.WriteAllBytes(pfx, SelfSigned().Export(X509ContentType.Pfx, "secret"));
        var tlsPort = FreePort.Next();
        await using var scenario = await HubScenario.StartAsync(refresh: false, hub: o => o with
        {
            Settings = new Dictionary<string, string?>
            {
                ["Hub:Mqtt:BindAddress"] = "any",
                ["Hub:Mqtt:TlsCertificatePath"] = pfx,
                ["Hub:Mqtt:TlsCertificatePassword"] = "secret",
                ["Hub:Mqtt:TlsPort"] = tlsPort.ToString(CultureInfo.InvariantCulture),
            },
        });

        Assert.Equal(["127.0.0.1", "::1"], ListeningSockets.On(scenario.Hub.MqttPort).Select(a => a.ToString()).Order());
        Assert.Equal(["0.0.0.0", "::"], ListeningSockets.On(tlsPort).Select(a => a.ToString()).Order());
    }

    [Fact]
    public async Task AnAddressThatIsNotOneStopsTheHubWithWhatIsWrong()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => HubScenario.StartAsync(refresh: false, hub: o => o with
        {
            Settings = new Dictionary<string, string?> { ["Hub:Mqtt:BindAddress"] = "127.0.0.1, localhost" },
        }));

        Assert.Contains("'localhost' is not an IP address", error.ToString());
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
