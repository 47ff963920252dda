using System.Net;

namespace FleetOps.Hub.Messaging.Embedded;

/// <summary>
/// What <c>Hub:Mqtt:BindAddress</c> means, exactly: a comma-separated list of IPv4 and IPv6 addresses, where
/// <c>loopback</c> is 127.0.0.1 and ::1 and <c>any</c> is 0.0.0.0 and ::. The broker listens on these and on
/// nothing else (MQTTnet's own listener added [::] beside any IPv4 address it was given).
/// </summary>
internal static class BindAddresses
{
    public const string Any = "any";
    public const string Loopback = "loopback";

    /// <summary>The addresses to listen on, in the order given; throws, naming the culprit, for anything else.</summary>
    public static IReadOnlyList<BindAddress> Parse(string setting)
    {
        var addresses = new List<BindAddress>();
        foreach (var item in setting.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            BindAddress[] expanded = item.ToLowerInvariant() switch
            {
                Any => [new(IPAddress.Any, Optional: false), new(IPAddress.IPv6Any, Optional: true)],
                Loopback => [new(IPAddress.Loopback, Optional: false), new(IPAddress.IPv6Loopback, Optional: true)],
                _ when IPAddress.TryParse(item, out var address) => [new(address, Optional: false)],
                _ => throw new InvalidOperationException(
                    $"Hub:Mqtt:BindAddress: '{item}' is not an IP address (give IPv4 or IPv6 addresses separated by commas, '{Loopback}' or '{Any}')"),
            };
            addresses.AddRange(expanded.Where(a => !addresses.Any(b => b.Address.Equals(a.Address))));
        }
        return addresses.Count > 0
            ? addresses
            : throw new InvalidOperationException($"Hub:Mqtt:BindAddress is empty (give an IP address, '{Loopback}' or '{Any}')");
    }

    /// <summary>The loopback addresses of both families, for the plain listener kept beside TLS for local tools.</summary>
    public static IReadOnlyList<BindAddress> Loopbacks { get; } = Parse(Loopback);
}
