using System.Globalization;
using System.Net;

namespace FleetOps.Hub.Tests.Harness;

/// <summary>
/// The addresses listening on a TCP port, read from /proc/net/tcp and /proc/net/tcp6 as <c>ss -ltn</c> reads
/// them: what a scanner on the network would find, whatever the hub's own log says.
/// </summary>
public static class ListeningSockets
{
    private const string Listen = "0A";

    public static IReadOnlyList<IPAddress> On(int port) =>
        [.. Read("/proc/net/tcp", port), .. Read("/proc/net/tcp6", port)];

    private static IEnumerable<IPAddress> Read(string table, int port)
    {
        if (!File.Exists(table))
            yield break;
        foreach (var line in File.ReadLines(table).Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var local = fields[1].Split(':');
            if (fields[3] != Listen || int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) != port)
                continue;
            yield return Address(local[0]);
        }
    }

    /// <summary>The kernel writes each 32-bit word of the address in host (little-endian) order.</summary>
    private static IPAddress Address(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4)
            Array.Reverse(bytes, word, 4);
        return new IPAddress(bytes);
    }
}
