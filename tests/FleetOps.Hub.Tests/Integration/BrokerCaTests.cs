using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FleetOps.Testing.Hub;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>
/// TLS by default: with no PFX configured the hub makes its own CA and a server certificate at first start, keeps them
/// (keys its owner's only) and serves the same CA after a restart, so agents that hold it keep trusting the hub.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BrokerCaTests
{
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task TheHubMakesItsCaAtFirstStartAndKeepsItAcrossARestart()
    {
        await using var scenario = await HubScenario.StartAsync(refresh: false);
        var tls = Path.Combine(scenario.DataDir, "tls");
        var first = await scenario.Hub.Client.GetBrokerAsync(default);
        var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(tls, "ca.crt")));
        var server = await File.ReadAllTextAsync(Path.Combine(tls, "server.crt"));

        Assert.Equal(Fingerprint(ca), first.CaSha256);
        Assert.Equal(Path.Combine(tls, "ca.crt"), first.CaPath);
        Assert.Equal(PrivateFolder, File.GetUnixFileMode(tls));
        Assert.Equal(PrivateFile, File.GetUnixFileMode(Path.Combine(tls, "ca.key")));
        Assert.Equal(PrivateFile, File.GetUnixFileMode(Path.Combine(tls, "server.key")));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(tls, "ca.crt")), await scenario.Hub.Client.GetBrokerCaAsync(default));
        Assert.Equal(X509Certificate2.CreateFromPem(server).Thumbprint, (await HandshakeAsync(scenario.Hub.TlsPort, ca)).Thumbprint);

        await scenario.RestartAsync();

        var second = await scenario.Hub.Client.GetBrokerAsync(default);
        Assert.Equal(first.CaSha256, second.CaSha256);
        Assert.Equal(server, await File.ReadAllTextAsync(Path.Combine(tls, "server.crt")));
        Assert.Equal(X509Certificate2.CreateFromPem(server).Thumbprint, (await HandshakeAsync(scenario.Hub.TlsPort, ca)).Thumbprint);
    }

    [Fact]
    public async Task TheBrokerTellsAgentsItsTlsUrlOnThePublicHostAndThePlainOneOnTheLoopbackOnly()
    {
        await using var scenario = await HubScenario.StartAsync(refresh: false, hub: o => o with
        {
            Settings = new Dictionary<string, string?> { ["Hub:Mqtt:PublicHost"] = "hub.fleet.example", ["Hub:Mqtt:BindAddress"] = "any" },
        });

        var broker = await scenario.Hub.Client.GetBrokerAsync(default);

        Assert.Equal($"mqtts://hub.fleet.example:{scenario.Hub.TlsPort}", broker.AgentUrl);
        Assert.Equal([broker.AgentUrl, $"mqtt://127.0.0.1:{scenario.Hub.MqttPort}"], broker.Endpoints.Select(e => e.Url));
        Assert.Equal("/api/v1/broker/ca", broker.CaRoute);
        // The public host is in the server certificate, so an agent that connects by it verifies the name.
        var served = await HandshakeAsync(scenario.Hub.TlsPort, X509Certificate2.CreateFromPem(await scenario.Hub.Client.GetBrokerCaAsync(default)));
        Assert.Contains("hub.fleet.example", served.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
    }

    /// <summary>The certificate the broker presents on 127.0.0.1, checked against <paramref name="ca"/> as the only trust anchor.</summary>
    private static async Task<X509Certificate2> HandshakeAsync(int port, X509Certificate2 ca)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        X509Certificate2? presented = null;
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { ca },
                RevocationMode = X509RevocationMode.NoCheck,
            },
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                return errors == SslPolicyErrors.None;
            },
        });
        return presented!;
    }

    private static string Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
