using System.Net;
using System.Net.Sockets;

namespace FleetOps.Testing.Network;

/// <summary>Asks the OS for a free loopback port (MQTTnet and Orleans need a number before they bind).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Whether <paramref name="e"/> (or what it wraps) is a bind that found its port taken: a port <see cref="Next"/> gave
    /// can be taken by another process before it is bound, and the caller may then try another.
    /// </summary>
    public static bool IsAddressInUse(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
                return true;
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsAddressInUse))
                return true;
            if (current.Message.Contains("Address already in use", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
