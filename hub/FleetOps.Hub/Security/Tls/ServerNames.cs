using System.Net;
using System.Security.Cryptography.X509Certificates;
using FleetOps.Hub.Hosting;

namespace FleetOps.Hub.Security.Tls;

/// <summary>
/// The names and addresses the broker's server certificate carries: the machine's host name, <c>localhost</c>,
/// 127.0.0.1, ::1, <c>Hub:Mqtt:PublicHost</c> and every item of <c>Hub:Mqtt:TlsNames</c>. Compared as sets, so a
/// certificate is issued again exactly when the configured names changed.
/// </summary>
internal sealed record ServerNames(IReadOnlySet<string> DnsNames, IReadOnlySet<IPAddress> Addresses)
{
    public static ServerNames For(MqttOptions options, string hostName)
    {
        var dns = new SortedSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost" };
        var addresses = new HashSet<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback };
        IEnumerable<string> items = [hostName, options.PublicHost ?? "", .. (options.TlsNames ?? "").Split(',')];
        foreach (var item in items.Select(i => i.Trim()).Where(i => i.Length > 0))
        {
            if (IPAddress.TryParse(item, out var address))
                addresses.Add(address);
            else if (Uri.CheckHostName(item) == UriHostNameType.Dns)
                dns.Add(item.ToLowerInvariant());
            else
                throw new InvalidOperationException($"Hub:Mqtt:TlsNames: '{item}' is neither a DNS name nor an IP address");
        }
        return new ServerNames(dns, addresses);
    }

    /// <summary>The names in a certificate's subject alternative name extension; none when it has no such extension.</summary>
    public static ServerNames Of(X509Certificate2 certificate)
    {
        var dns = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var addresses = new HashSet<IPAddress>();
        foreach (var names in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            dns.UnionWith(names.EnumerateDnsNames());
            addresses.UnionWith(names.EnumerateIPAddresses());
        }
        return new ServerNames(dns, addresses);
    }

    public bool SameAs(ServerNames other) => DnsNames.SetEquals(other.DnsNames) && Addresses.SetEquals(other.Addresses);

    public X509Extension ToExtension()
    {
        var builder = new SubjectAlternativeNameBuilder();
        foreach (var name in DnsNames)
            builder.AddDnsName(name);
        foreach (var address in Addresses)
            builder.AddIpAddress(address);
        return builder.Build();
    }

    public override string ToString() => string.Join(", ", DnsNames.Concat(Addresses.Select(a => a.ToString()).Order(StringComparer.Ordinal)));
}
