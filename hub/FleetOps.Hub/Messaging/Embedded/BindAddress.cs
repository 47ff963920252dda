using System.Net;

namespace FleetOps.Hub.Messaging.Embedded;

/// <summary>
/// One address to listen on. An optional one (the IPv6 half of <c>any</c> or <c>loopback</c>) is skipped with a
/// warning on a host without IPv6, rather than keeping the broker from starting.
/// </summary>
internal sealed record BindAddress(IPAddress Address, bool Optional);
