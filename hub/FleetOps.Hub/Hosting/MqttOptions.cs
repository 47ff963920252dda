using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Hosting;

/// <summary>
/// Section <c>Hub:Mqtt</c>. With no <see cref="BrokerUrl"/> the hub runs MQTTnet's broker inside itself: TLS on
/// <see cref="TlsPort"/> (the configured PFX, else a certificate from the hub's own CA) and plain MQTT on
/// <see cref="Port"/>, on the loopbacks only unless <see cref="PlainOnAllInterfaces"/>.
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

    /// <summary>External broker: whether the hub manages agents' credentials and ACLs there (Mosquitto's dynamic security).</summary>
    public BrokerCredentials Credentials { get; set; } = BrokerCredentials.DynamicSecurity;

    /// <summary>External broker with dynamic security: how long a control command may wait for its answer before the broker counts as away.</summary>
    public TimeSpan ControlTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Embedded broker: plain MQTT port (0 picks a free port, for tests).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>
    /// Embedded broker: the addresses the listeners bind to and nothing else, IPv4 and IPv6 addresses separated by
    /// commas; <c>loopback</c> is 127.0.0.1 and ::1, <c>any</c> is 0.0.0.0 and ::.
    /// </summary>
    public string BindAddress { get; set; } = "any";

    /// <summary>Embedded broker: TLS port, on <see cref="BindAddress"/>.</summary>
    public int TlsPort { get; set; } = 8883;

    /// <summary>Embedded broker: PFX file with the server certificate and key; without it the hub issues its own from its CA.</summary>
    public string? TlsCertificatePath { get; set; }

    public string? TlsCertificatePassword { get; set; }

    /// <summary>
    /// Embedded broker with its own CA: names and addresses the server certificate carries beside the host name,
    /// <c>localhost</c>, 127.0.0.1, ::1 and <see cref="PublicHost"/>; separated by commas.
    /// </summary>
    public string? TlsNames { get; set; }

    /// <summary>The host agents reach the broker at, in the URL <c>fleetops register</c> prints; the machine's host name when unset.</summary>
    public string? PublicHost { get; set; }

    /// <summary>Embedded broker: keep the plain listener for local tools, on the loopback part of <see cref="BindAddress"/>. Agents use TLS.</summary>
    public bool PlainLoopbackWithTls { get; set; } = true;

    /// <summary>
    /// Embedded broker: the plain listener binds all of <see cref="BindAddress"/>, as TLS does, so tokens and fleet data
    /// cross the network unencrypted; the hub warns at every start. Only for networks that encrypt on their own.
    /// </summary>
    public bool PlainOnAllInterfaces { get; set; }

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

    public bool ManagesDynamicSecurity => !IsEmbedded && Credentials == BrokerCredentials.DynamicSecurity;
}
