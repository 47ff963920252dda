using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FleetOps.EdgeAgent.Link;

/// <summary>
/// How the agent judges the hub's broker certificate over mqtts. With <c>FLEETOPS_BROKER_CA</c> that CA is the only
/// trust anchor (the system's store plays no part, so no public CA can vouch for a fake hub); without it the system's
/// trust store decides. Either way the certificate must name the host in <c>FLEETOPS_BROKER</c>. A refusal keeps its
/// reason, in words an operator can act on, for the link to log and show.
/// </summary>
public sealed class BrokerTrust
{
    private readonly X509Certificate2Collection? anchors;
    private readonly string? caPath;
    private volatile string? lastRefusal;

    private BrokerTrust(X509Certificate2Collection? anchors, string? caPath)
    {
        this.anchors = anchors;
        this.caPath = caPath;
    }

    public static BrokerTrust System { get; } = new(null, null);

    /// <summary>Trusts exactly the certificates in the PEM file at <paramref name="caPath"/>; throws when it holds none.</summary>
    public static BrokerTrust FromFile(string caPath)
    {
        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPemFile(caPath);
        if (anchors.Count == 0)
            throw new CryptographicException($"'{caPath}' holds no PEM certificate");
        return new BrokerTrust(anchors, caPath);
    }

    /// <summary>What a problem with the CA file is, in words, or null when it holds at least one certificate.</summary>
    public static string? Check(string caPath)
    {
        if (!File.Exists(caPath))
            return $"broker CA '{caPath}' does not exist: save the hub's CA there ('fleetops broker-ca > ca.crt') or fix FLEETOPS_BROKER_CA / --broker-ca";
        try
        {
            FromFile(caPath);
            return null;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return $"broker CA '{caPath}' is not a PEM certificate ({e.Message}): it must hold the hub's ca.crt ('fleetops broker-ca > ca.crt'); fix FLEETOPS_BROKER_CA / --broker-ca";
        }
    }

    /// <summary>Why the last certificate was refused, once: null when it was not, or when already taken.</summary>
    public string? TakeRefusal() => Interlocked.Exchange(ref lastRefusal, null);

    /// <summary>The TLS validation callback's answer: true only for a certificate that names the host and chains to a trusted root.</summary>
    public bool Validate(X509Certificate? presented, SslPolicyErrors errors)
    {
        var refusal = Judge(presented, errors);
        lastRefusal = refusal;
        return refusal is null;
    }

    private string? Judge(X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return "the broker presented no certificate";
        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        var subject = $"{certificate.Subject}, issued by {certificate.Issuer}";
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            return $"its certificate ({subject}) does not name the host in FLEETOPS_BROKER; connect with a name it carries (the hub adds more with Hub:Mqtt:TlsNames)";
        if (anchors is null)
            return errors == SslPolicyErrors.None ? null
                : $"its certificate ({subject}) is not trusted by this machine's trust store ({errors}); set FLEETOPS_BROKER_CA to the hub's CA ('fleetops broker-ca > ca.crt')";
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        // The hub's own CA publishes no revocation list; its server certificates are short-lived instead.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain.Build(certificate))
            return null;
        var status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        return $"its certificate ({subject}) does not chain to the CA in FLEETOPS_BROKER_CA '{caPath}' ({status}); " +
            "fetch the hub's CA again ('fleetops broker-ca') if the hub's CA was replaced, or check that FLEETOPS_BROKER points at your hub";
    }
}
