using System.Net.Security;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Link;
using FleetOps.Testing.Files;
using FleetOps.Testing.Network;

namespace FleetOps.EdgeAgent.Tests.Link;

/// <summary>
/// With FLEETOPS_BROKER_CA the hub's certificate must chain to that CA alone and name the host; every refusal says why,
/// in words an operator can act on. The TLS stack's own verdict on the chain (against the system store) plays no part.
/// </summary>
public sealed class BrokerTrustTests : IDisposable
{
    private readonly TempDir folder = new("fleetops-broker-ca");

    [Fact]
    public void ACertificateFromTheConfiguredCaThatNamesTheHostIsTrusted()
    {
        var ca = TestCertificates.Ca("The hub's CA");
        var trust = BrokerTrust.FromFile(folder.Write("ca.crt", ca.ExportCertificatePem()));

        // The system store knows nothing of this CA, so the TLS stack reports a chain error; the configured CA decides.
        Assert.True(trust.Validate(TestCertificates.Server(ca), SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Null(trust.TakeRefusal());
    }

    [Fact]
    public void ACertificateFromAnotherCaIsRefusedSayingWhichCaItWasCheckedAgainst()
    {
        var path = folder.Write("ca.crt", TestCertificates.Ca("The hub's CA").ExportCertificatePem());
        var trust = BrokerTrust.FromFile(path);

        Assert.False(trust.Validate(TestCertificates.Server(TestCertificates.Ca("A stranger")), SslPolicyErrors.RemoteCertificateChainErrors));
        var refusal = trust.TakeRefusal();
        Assert.Contains($"does not chain to the CA in FLEETOPS_BROKER_CA '{path}'", refusal);
        Assert.Contains("issued by CN=A stranger", refusal);
        Assert.Null(trust.TakeRefusal());
    }

    [Fact]
    public void ACertificateFromTheRightCaForAnotherHostIsRefused()
    {
        var ca = TestCertificates.Ca("The hub's CA");
        var trust = BrokerTrust.FromFile(folder.Write("ca.crt", ca.ExportCertificatePem()));

        Assert.False(trust.Validate(TestCertificates.Server(ca), SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.Contains("does not name the host in FLEETOPS_BROKER", trust.TakeRefusal());
    }

    [Fact]
    public void WithoutACaTheSystemTrustStoreDecides()
    {
        var server = TestCertificates.Server(TestCertificates.Ca());

        Assert.True(BrokerTrust.System.Validate(server, SslPolicyErrors.None));
        Assert.False(BrokerTrust.System.Validate(server, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Contains("set FLEETOPS_BROKER_CA", BrokerTrust.System.TakeRefusal());
    }

    [Fact]
    public void AMissingOrUnreadableCaFileIsAConfigurationErrorThatSaysWhatToDo()
    {
        var missing = folder.Sub("nowhere.crt");
        var notACertificate = folder.Write("token.txt", "fot_not-a-certificate\n");

        var errors = AgentOptionsValidator.Validate(Valid() with { BrokerCa = missing });
        var garbage = AgentOptionsValidator.Validate(Valid() with { BrokerCa = notACertificate });

        Assert.Contains(errors, e => e.Contains($"broker CA '{missing}' does not exist") && e.Contains("fleetops broker-ca > ca.crt"));
        Assert.Contains(garbage, e => e.Contains($"broker CA '{notACertificate}' is not a PEM certificate") && e.Contains("FLEETOPS_BROKER_CA"));
    }

    [Fact]
    public void ACaWithAPlainBrokerIsAConfigurationError()
    {
        var ca = folder.Write("ca.crt", TestCertificates.Ca().ExportCertificatePem());

        var errors = AgentOptionsValidator.Validate(Valid() with { Broker = new Uri("mqtt://hub.example:1883"), BrokerCa = ca });

        Assert.Contains(errors, e => e.Contains("is plain MQTT") && e.Contains("mqtts://hub.example:8883"));
        Assert.Empty(AgentOptionsValidator.Validate(Valid() with { BrokerCa = ca }));
    }

    [Theory]
    [InlineData("mqtt://hub.example:1883", true)]
    [InlineData("mqtt://10.1.2.3:1883", true)]
    [InlineData("mqtt://127.0.0.1:1883", false)]
    [InlineData("mqtt://localhost:1883", false)]
    [InlineData("mqtt://[::1]:1883", false)]
    [InlineData("mqtts://hub.example:8883", false)]
    public void PlainMqttToAnotherMachineIsWhatTheAgentWarnsAbout(string broker, bool warns)
    {
        Assert.Equal(warns, MqttHubLink.IsPlainOffMachine(new Uri(broker)));
    }

    public void Dispose() => folder.Dispose();

    private static AgentOptions Valid() => AgentOptions.Default with
    {
        ClusterId = "store-0042",
        Broker = new Uri("mqtts://hub.example:8883"),
        Token = "fot_token",
        Source = new Shared.Contracts.SourceRef("https://git.example/fleet-config.git", "main"),
    };
}
