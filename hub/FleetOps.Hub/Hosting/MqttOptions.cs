using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Hosting;

/// <summary>
/// Section <c>Hub:Mqtt</c>. With no <see cref="BrokerUrl"/> the hub runs MQTTnet's broker inside itself
/// (plain on <see cref="Port"/>, TLS on <see cref="TlsPort"/> when <see cref="TlsCertificatePath"/> is set).
/// With <see cref="BrokerUrl"/> (<c>mqtt://host:1883</c> or <c>mqtts://host:8883</c>) the hub connects
/// to that broker as <see cref="Username"/> and shares its subscriptions with other silos through
/// <c>$share/{ShareGroup}/...</c>.
/// </summary>
public sealed record MqttOptions
{
    public const string Section = "Hub:Mqtt";

    public static readonly MqttOptions Default = new();

    public string? BrokerUrl { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string ShareGroup { get; set; } = "hub";

    /// <summary>Embedded broker: plain MQTT port (0 picks a free port, for tests).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>
    /// Embedded broker: the addresses the listeners bind to and nothing else, IPv4 and IPv6 addresses separated by
    /// commas; <c>loopback</c> is 127.0.0.1 and ::1, <c>any</c> is 0.0.0.0 and ::.
    /// </summary>
    public string BindAddress { get; set; } = "any";

    /// <summary>Embedded broker: TLS port, used when a certificate is configured.</summary>
    public int TlsPort { get; set; } = 8883;

    /// <summary>Embedded broker: PFX file with the server certificate and key; enables TLS.</summary>
    public string? TlsCertificatePath { get; set; }

    public string? TlsCertificatePassword { get; set; }

    /// <summary>Embedded broker with TLS: keep the plain listener, bound to loopback only, for local tools. Agents must use TLS.</summary>
    public bool PlainLoopbackWithTls { get; set; } = true;

    /// <summary>External broker with mqtts: skip certificate validation (test brokers with self-signed certificates only).</summary>
    public bool AllowUntrustedCertificates { get; set; }

    /// <summary>
    /// Embedded broker: the largest CONNECT a client may send before it is authenticated (an agent's is a few hundred
    /// bytes: ids, token, Last Will); a larger one is refused on its header, before its body is read.
    /// </summary>
    public int MaxConnectBytes { get; set; } = 4 * 1024;

    /// <summary>
    /// The largest payload an agent may send: the codec drops larger ones, and the embedded broker closes the
    /// connection of an authenticated client whose packet is larger than this plus room for topic and properties.
    /// </summary>
    public int MaxPayloadBytes { get; set; } = WireOptions.DefaultMaxPayloadBytes;

    /// <summary>Embedded broker: a new connection must complete its TLS handshake and CONNECT within this time.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Agent messages processed at once; more overlap helps ingest, too many only queue.</summary>
    public int MaxInFlight { get; set; } = 2048;

    public bool IsEmbedded => string.IsNullOrWhiteSpace(BrokerUrl);
}
