using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FleetOps.Hub.Security.Tls;

/// <summary>
/// The hub's own certificate authority, made with nothing but System.Security.Cryptography: an ECDSA P-256 CA that
/// can sign server certificates only (path length 0), and server certificates for the broker signed by it. P-256
/// rather than RSA: every TLS stack agents run speaks it, and a key takes microseconds to make, not seconds.
/// </summary>
internal static class CertificateAuthority
{
    public static readonly TimeSpan CaLifetime = TimeSpan.FromDays(20 * 365);

    public static readonly TimeSpan ServerLifetime = TimeSpan.FromDays(397);

    // A store whose clock lags the hub's still accepts a certificate made a moment ago.
    private static readonly TimeSpan Backdate = TimeSpan.FromDays(1);

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>A new self-signed CA, with its private key.</summary>
    public static X509Certificate2 CreateCa(string hostName, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=FleetOps hub CA ({hostName}), O=FleetOps", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now - Backdate, now + CaLifetime);
    }

    /// <summary>A server certificate for <paramref name="names"/>, signed by <paramref name="ca"/> (which must hold its key), with its private key.</summary>
    public static X509Certificate2 IssueServer(X509Certificate2 ca, ServerNames names, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names.DnsNames.FirstOrDefault(n => n != "localhost") ?? "localhost"}, O=FleetOps", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthentication)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        request.CertificateExtensions.Add(names.ToExtension());
        // Never past the CA: a chain is only as valid as its shortest link.
        var notAfter = now + ServerLifetime < ca.NotAfter ? now + ServerLifetime : new DateTimeOffset(ca.NotAfter.ToUniversalTime());
        using var issued = request.Create(ca, now - Backdate, notAfter, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>True when <paramref name="certificate"/> chains to <paramref name="ca"/> as its only trust anchor, at <paramref name="at"/>.</summary>
    public static bool IsIssuedBy(X509Certificate2 certificate, X509Certificate2 ca, DateTimeOffset at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        return chain.Build(certificate);
    }

    /// <summary>SHA-256 of the certificate's DER bytes, as <c>openssl x509 -noout -fingerprint -sha256</c> prints it.</summary>
    public static string Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
