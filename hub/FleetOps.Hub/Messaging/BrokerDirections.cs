using System.Globalization;
using System.Net;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Messaging.Embedded;
using FleetOps.Hub.Security.Tls;
using FleetOps.Shared.Api;

namespace FleetOps.Hub.Messaging;

/// <summary>
/// Where agents find the broker and how they verify it, worked out from what the hub really serves (its
/// configuration and its CA), for <c>fleetops register</c> and <c>GET /api/v1/broker</c>. Chosen once, with the
/// transport: the embedded broker's listeners and CA, or the external broker's URL.
/// </summary>
internal sealed class BrokerDirections(MqttOptions options, BrokerCertificates? certificates, string hostName)
{
    public const string CaRoute = "/api/v1/broker/ca";
    public const string AgentsReach = "agents";
    public const string MachineReach = "this machine only (local tools)";
    public const string UnencryptedReach = "network, unencrypted (Hub:Mqtt:PlainOnAllInterfaces)";

    public string? CaPem => certificates?.CaPem;

    public BrokerInfo Describe()
    {
        var host = Host(string.IsNullOrWhiteSpace(options.PublicHost) ? hostName : options.PublicHost.Trim());
        if (!options.IsEmbedded)
        {
            var external = new UriBuilder(options.BrokerUrl!) { UserName = "", Password = "" };
            if (!string.IsNullOrWhiteSpace(options.PublicHost))
                external.Host = options.PublicHost.Trim();
            var url = external.Uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
            return new BrokerInfo(url, [new BrokerEndpoint(url, AgentsReach)], null, null, null);
        }
        var agents = $"mqtts://{host}:{Port(options.TlsPort)}";
        var endpoints = new List<BrokerEndpoint> { new(agents, AgentsReach) };
        var plain = BrokerListeners.PlainAddresses(options, BindAddresses.Parse(options.BindAddress));
        if (options.PlainOnAllInterfaces && plain.Any(a => !IPAddress.IsLoopback(a.Address)))
            endpoints.Add(new BrokerEndpoint($"mqtt://{host}:{Port(options.Port)}", UnencryptedReach));
        else if (plain.FirstOrDefault() is { } loopback)
            endpoints.Add(new BrokerEndpoint($"mqtt://{Host(loopback.Address.ToString())}:{Port(options.Port)}", MachineReach));
        var ca = certificates?.Ca is not null;
        return new BrokerInfo(agents, endpoints, certificates?.CaFingerprint, certificates?.CaPath, ca ? CaRoute : null);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    // An IPv6 literal goes in brackets in a URL.
    private static string Host(string host) =>
        IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
}
