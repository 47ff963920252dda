using System.Net;
using System.Security.Cryptography.X509Certificates;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Storage;
using FleetOps.Shared.Files;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Security.Tls;

/// <summary>
/// The embedded broker's TLS identity. With <c>Hub:Mqtt:TlsCertificatePath</c> it is that PFX, as given. Otherwise
/// the hub is its own CA, kept in <c>{DataDir}/tls</c>: <c>ca.crt</c> (what agents trust, handed out by
/// <c>GET /api/v1/broker/ca</c>), <c>ca.key</c>, <c>server.crt</c>, <c>server.key</c> (keys 0600 in a 0700 folder).
/// Made at first start and reused after; the server certificate is issued again when it nears its end or the names
/// it must carry changed, the CA never silently: agents hold it, so replacing it is the operator's act.
/// </summary>
internal sealed class BrokerCertificates
{
    public const string FolderName = "tls";
    public const string CaFile = "ca.crt";
    public const string CaKeyFile = "ca.key";
    public const string ServerFile = "server.crt";
    public const string ServerKeyFile = "server.key";

    /// <summary>A server certificate this close to its end is issued again, at start or at the next handshake.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private readonly Lock renewing = new();
    private readonly ServerNames names;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly string? folder;
    private readonly X509Certificate2? ca;
    private X509Certificate2 server;

    public BrokerCertificates(IOptions<HubOptions> hub, IOptions<MqttOptions> mqtt, TimeProvider time, ILogger<BrokerCertificates> logger)
        : this(hub.Value, mqtt.Value, Dns.GetHostName(), time, logger)
    {
    }

    public BrokerCertificates(HubOptions hub, MqttOptions mqtt, string hostName, TimeProvider time, ILogger logger)
    {
        this.time = time;
        this.logger = logger;
        names = ServerNames.For(mqtt, hostName);
        if (!string.IsNullOrWhiteSpace(mqtt.TlsCertificatePath))
        {
            server = X509CertificateLoader.LoadPkcs12FromFile(mqtt.TlsCertificatePath, mqtt.TlsCertificatePassword);
            logger.LogInformation("Broker TLS certificate {Subject} (until {NotAfter:u}) from {Path}", server.Subject, server.NotAfter, mqtt.TlsCertificatePath);
            return;
        }
        folder = Path.Combine(HubDataDir.Secure(hub, logger), FolderName);
        if (PrivateDirectory.Secure(folder, CaKeyFile, ServerKeyFile) is [_, ..] loosened)
            logger.LogWarning("The broker's TLS keys were readable by others; made them their owner's only: {Paths}", string.Join(", ", loosened));
        ca = LoadOrCreateCa(hostName);
        server = LoadOrIssueServer();
    }

    /// <summary>The hub's CA, or null when the certificate is the operator's own PFX (its issuer is theirs to hand out).</summary>
    public X509Certificate2? Ca => ca;

    /// <summary>Where <see cref="Ca"/> is kept, for the operator.</summary>
    public string? CaPath => folder is null ? null : Path.Combine(folder, CaFile);

    public string? CaFingerprint => ca is null ? null : CertificateAuthority.Fingerprint(ca);

    /// <summary>As <c>ca.crt</c> holds it: PEM ending in a line break, so <c>cat</c> and concatenation behave.</summary>
    public string? CaPem => ca is null ? null : Pem(ca);

    /// <summary>The certificate to serve now: issued again first when it nears its end (a hub may run for a year).</summary>
    public X509Certificate2 Current
    {
        get
        {
            if (ca is null || server.NotAfter.ToUniversalTime() - time.GetUtcNow().UtcDateTime > RenewBefore)
                return server;
            lock (renewing)
            {
                if (server.NotAfter.ToUniversalTime() - time.GetUtcNow().UtcDateTime <= RenewBefore)
                    server = Issue("it ends on " + server.NotAfter.ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture));
                return server;
            }
        }
    }

    private X509Certificate2 LoadOrCreateCa(string hostName)
    {
        var certificate = Path.Combine(folder!, CaFile);
        var key = Path.Combine(folder!, CaKeyFile);
        if (File.Exists(certificate) || File.Exists(key))
        {
            if (!File.Exists(certificate) || !File.Exists(key))
                throw new InvalidOperationException(
                    $"{folder}: the hub's broker CA is incomplete ({(File.Exists(key) ? CaFile : CaKeyFile)} is missing). Restore it from a backup, " +
                    $"or remove {CaFile} and {CaKeyFile} to make a new CA (every agent then needs the new {CaFile} in FLEETOPS_BROKER_CA)");
            var loaded = X509Certificate2.CreateFromPemFile(certificate, key);
            var left = loaded.NotAfter.ToUniversalTime() - time.GetUtcNow().UtcDateTime;
            if (left < TimeSpan.FromDays(365))
                logger.LogWarning("The hub's broker CA {Path} ends on {NotAfter:u}; make a new one before then (see the hub README: rotating the CA)", certificate, loaded.NotAfter);
            logger.LogInformation("Broker CA {Path} (SHA-256 {Fingerprint})", certificate, CertificateAuthority.Fingerprint(loaded));
            return loaded;
        }
        var created = CertificateAuthority.CreateCa(hostName, time.GetUtcNow());
        WriteKey(key, created.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certificate, Pem(created));
        logger.LogWarning("Generated the broker's CA {Path} (SHA-256 {Fingerprint}): agents verify the hub with it (FLEETOPS_BROKER_CA)",
            certificate, CertificateAuthority.Fingerprint(created));
        return created;
    }

    private X509Certificate2 LoadOrIssueServer()
    {
        var certificate = Path.Combine(folder!, ServerFile);
        var key = Path.Combine(folder!, ServerKeyFile);
        if (!File.Exists(certificate) || !File.Exists(key))
            return Issue("there was none");
        X509Certificate2 loaded;
        try
        {
            loaded = X509Certificate2.CreateFromPemFile(certificate, key);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            // A stop between writing the key and the certificate leaves a pair that does not match: issue a fresh one.
            return Issue($"{ServerFile} and {ServerKeyFile} could not be read together ({e.Message})");
        }
        var now = time.GetUtcNow();
        if (!CertificateAuthority.IsIssuedBy(loaded, ca!, now))
            return Issue("it was not issued by the CA in " + CaFile);
        if (loaded.NotAfter.ToUniversalTime() - now.UtcDateTime <= RenewBefore)
            return Issue("it ends on " + loaded.NotAfter.ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        if (!ServerNames.Of(loaded).SameAs(names))
            return Issue($"its names ({ServerNames.Of(loaded)}) are not the configured ones");
        return loaded;
    }

    private X509Certificate2 Issue(string why)
    {
        var issued = CertificateAuthority.IssueServer(ca!, names, time.GetUtcNow());
        WriteKey(Path.Combine(folder!, ServerKeyFile), issued.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(folder!, ServerFile), Pem(issued));
        logger.LogInformation("Issued the broker a server certificate for {Names} until {NotAfter:u}, because {Why}", names.ToString(), issued.NotAfter, why);
        return issued;
    }

    private static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem() + "\n";

    // Written in place of the old one, 0600 from its creation: never a moment readable by others.
    private static void WriteKey(string path, string pem)
    {
        var temporary = path + ".new";
        File.Delete(temporary);
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            create.UnixCreateMode = PrivateDirectory.FileMode;
        using (var file = new FileStream(temporary, create))
        using (var writer = new StreamWriter(file))
            writer.Write(pem);
        File.Move(temporary, path, overwrite: true);
    }
}
