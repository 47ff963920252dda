using FleetOps.Hub.Hosting;
using FleetOps.Hub.Security.Tls;
using FleetOps.Testing.Files;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FleetOps.Hub.Tests.Unit;

/// <summary>The hub's own CA: the server certificate follows the configured names and the calendar; the CA is never replaced silently.</summary>
public sealed class BrokerCertificatesTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ChangedNamesGiveANewServerCertificateUnderTheSameCa()
    {
        using var folder = new TempDir();
        var first = Start(folder, new MqttOptions { TlsNames = "hub.example, 10.0.0.5" });
        var second = Start(folder, new MqttOptions { TlsNames = "hub.example, 10.0.0.5" });
        var renamed = Start(folder, new MqttOptions { TlsNames = "hub.example, hub-2.example" });

        Assert.Equal(first.CaFingerprint, renamed.CaFingerprint);
        Assert.Equal(first.Current.Thumbprint, second.Current.Thumbprint);
        Assert.NotEqual(first.Current.Thumbprint, renamed.Current.Thumbprint);
        Assert.Equal(["hub-2.example", "hub.example", "localhost", "store-hub"], ServerNames.Of(renamed.Current).DnsNames.Order(StringComparer.Ordinal));
        Assert.Equal(["127.0.0.1", "::1"], ServerNames.Of(renamed.Current).Addresses.Select(a => a.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AServerCertificateNearItsEndIsIssuedAgainWhileTheCaStays()
    {
        using var folder = new TempDir();
        var certificates = Start(folder, new MqttOptions());
        var before = certificates.Current;

        clock.Advance(CertificateAuthority.ServerLifetime - BrokerCertificates.RenewBefore);
        var renewed = certificates.Current;

        Assert.NotEqual(before.Thumbprint, renewed.Thumbprint);
        Assert.True(renewed.NotAfter > before.NotAfter);
        Assert.True(CertificateAuthority.IsIssuedBy(renewed, certificates.Ca!, clock.GetUtcNow()));
        Assert.Equal(certificates.CaFingerprint, Start(folder, new MqttOptions()).CaFingerprint);
    }

    [Fact]
    public void ACaWithoutItsKeyStopsTheHubRatherThanMakingANewOne()
    {
        using var folder = new TempDir();
        var fingerprint = Start(folder, new MqttOptions()).CaFingerprint;
        File.Delete(Path.Combine(folder.Path, BrokerCertificates.FolderName, BrokerCertificates.CaKeyFile));

        var error = Assert.Throws<InvalidOperationException>(() => Start(folder, new MqttOptions()));

        Assert.Contains("ca.key is missing", error.Message);
        Assert.Contains("FLEETOPS_BROKER_CA", error.Message);
        Assert.Equal(fingerprint, CertificateAuthority.Fingerprint(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(
            File.ReadAllText(Path.Combine(folder.Path, BrokerCertificates.FolderName, BrokerCertificates.CaFile)))));
    }

    private BrokerCertificates Start(TempDir folder, MqttOptions mqtt) =>
        new(new HubOptions { DataDir = folder.Path }, mqtt, "store-hub", clock, NullLogger.Instance);
}
