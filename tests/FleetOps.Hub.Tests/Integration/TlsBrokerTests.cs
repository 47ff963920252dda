using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FleetOps.Shared.Api;
using FleetOps.Testing.Agents;
using FleetOps.Testing.Files;
using FleetOps.Testing.Network;
using FleetOps.Testing.Polling;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>The embedded broker with a PFX: agents connect over TLS, still with their cluster token.</summary>
public sealed class TlsBrokerTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AgentsConnectOverTlsWhenTheHubHasACertificate(bool plainLoopbackForTheBridge)
    {
        using var folder = new TempDir();
        var pfx = folder.Sub("broker.pfx");
        File.WriteAllBytes(pfx, SelfSigned().Export(X509ContentType.Pfx, "secret"));
        var tlsPort = FreePort.Next();
        await using var scenario = await StartAsync(hub: o => o with
        {
            Settings = new Dictionary<string, string?>
            {
                ["Hub:Mqtt:TlsCertificatePath"] = pfx,
                ["Hub:Mqtt:TlsCertificatePassword"] = "secret",
                ["Hub:Mqtt:TlsPort"] = tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Hub:Mqtt:PlainLoopbackWithTls"] = plainLoopbackForTheBridge.ToString(),
            },
        });
        var registration = await scenario.Hub.Client.RegisterAsync(new RegisterClusterRequest("store-tls", Labels(("region", "west"))), default);

        await using var agent = new SimulatedAgent("store-tls", registration.Token, "127.0.0.1", tlsPort) { UseTls = true };
        Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, await agent.ConnectAsync());
        await agent.SayHelloAsync(Labels(("region", "west")));
        var seq = await agent.JournalAsync(2);

        await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired state over TLS");
        await Eventually.UntilAsync(() => agent.AckedSeq == seq, "acks over TLS");
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
