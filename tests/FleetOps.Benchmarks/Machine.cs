using System.Globalization;

namespace FleetOps.Benchmarks;

/// <summary>What Linux says of this machine and its processes, for the figures the benchmarks print beside their own.</summary>
public static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages: on a shared 2-core machine they say how far to trust a timing.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Resident and peak resident memory of a process (null: this one), in MiB.</summary>
    public static (double Rss, double Peak) Memory(int? pid = null)
    {
        var status = File.ReadAllLines(pid is { } id ? $"/proc/{id}/status" : "/proc/self/status");
        double Read(string key) => double.Parse(status.First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        return (Read("VmRSS:"), Read("VmHWM:"));
    }
}
