using System.Globalization;
using System.Text;

namespace FleetOps.Benchmarks;

/// <summary>
/// Where a process's resident pages are, from /proc/PID/smaps: what the footprint work of the edge agent needed to
/// see before changing anything. A single-file .NET process maps its runtime and assemblies from its own file, puts
/// loader heaps and JIT output in a double-mapped memfd (W^X), keeps the GC heap in one reserved range and the C
/// heap in glibc arenas; each of those moves with different levers.
/// </summary>
public static class ResidentBreakdown
{
    /// <summary>KiB resident per part, largest first, and the anonymous/file-backed split from smaps_rollup.</summary>
    public static string Describe(int pid, string executable)
    {
        var parts = new Dictionary<string, long>(StringComparer.Ordinal);
        string? path = null, perms = null;
        ulong start = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            if (IsMappingLine(line, out var s, out var p, out var file))
            {
                (start, perms, path) = (s, p, file);
                continue;
            }
            if (path is null || !line.StartsWith("Rss:", StringComparison.Ordinal))
                continue;
            var part = PartOf(path, perms!, start, executable);
            parts[part] = parts.GetValueOrDefault(part) + Kib(line);
        }
        var text = new StringBuilder();
        foreach (var (part, kib) in parts.Where(p => p.Value >= 64).OrderByDescending(p => p.Value))
            text.Append(CultureInfo.InvariantCulture, $"    {kib / 1024.0,6:0.0} MiB  {part}\n");
        var rollup = File.ReadLines($"/proc/{pid}/smaps_rollup").Where(l => l.Contains(':', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)], Kib, StringComparer.Ordinal);
        var anonymous = rollup.GetValueOrDefault("Anonymous");
        // The memfd is shared memory, neither anonymous nor a file on disk: counted apart.
        var memfd = parts.GetValueOrDefault(LoaderHeaps);
        text.Append(CultureInfo.InvariantCulture,
            $"    anonymous {anonymous / 1024.0:0.0} MiB, memfd {memfd / 1024.0:0.0} MiB, file-backed {(rollup.GetValueOrDefault("Rss") - anonymous - memfd) / 1024.0:0.0} MiB; {Directory.GetDirectories($"/proc/{pid}/task").Length} threads");
        return text.ToString();
    }

    private const string LoaderHeaps = "loader heaps and JIT code (W^X memfd)";

    private static string PartOf(string path, string perms, ulong start, string executable)
    {
        if (path.Length > 0 && path == executable)
        {
            // The apphost's own code is the runtime, JIT and native shims; assemblies are mapped shared (r--s).
            return perms.Contains('x', StringComparison.Ordinal) ? "bundle: runtime and JIT native code"
                : perms.EndsWith('s') ? "bundle: assemblies (metadata and IL)" : "bundle: runtime data";
        }
        if (path.Contains("doublemapper", StringComparison.Ordinal))
            return LoaderHeaps;
        if (path == "[heap]")
            return "C heap: main arena";
        if (path.Length == 0)
            // glibc puts each thread arena at a 64 MiB boundary; the GC's regions and thread stacks are elsewhere.
            return start % (64UL << 20) == 0 ? "C heap: thread arenas" : "anonymous: GC heap, stacks, other";
        if (path.StartsWith("[stack", StringComparison.Ordinal))
            return "anonymous: GC heap, stacks, other";
        if (path.StartsWith('/'))
        {
            var name = Path.GetFileName(path);
            // Run as fleetops-agent.dll through the dotnet host, the assemblies are files of their own.
            return name.EndsWith(".dll", StringComparison.Ordinal) ? "assemblies (separate files)"
                : name.StartsWith("libgit2", StringComparison.Ordinal) ? "libgit2"
                : name.StartsWith("libssl", StringComparison.Ordinal) || name.StartsWith("libcrypto", StringComparison.Ordinal) ? "OpenSSL"
                : "libc, libstdc++ and other native libraries";
        }
        return path;
    }

    private static bool IsMappingLine(string line, out ulong start, out string perms, out string path)
    {
        // "7f8c84000000-7f8c840a8000 rw-p 00000000 00:00 0    [path]"; field lines start with a name and a colon.
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        var dash = fields.Length < 5 ? -1 : fields[0].IndexOf('-', StringComparison.Ordinal);
        if (dash < 0 || !ulong.TryParse(fields[0][..dash], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out start))
        {
            (start, perms, path) = (0, "", "");
            return false;
        }
        perms = fields[1];
        path = fields.Length == 6 ? fields[5].Trim() : "";
        return true;
    }

    private static long Kib(string line) =>
        long.TryParse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture, out var kib) ? kib : 0;
}
