using System.Runtime.InteropServices;

namespace FleetOps.EdgeAgent.Hosting;

/// <summary>
/// glibc's malloc keeps the pages of freed blocks (libgit2's, OpenSSL's, the JIT's and the runtime's own) and
/// returns them to the system only from the top of its main heap; malloc_trim gives back every whole free page of
/// every arena. Elsewhere (musl, macOS, Windows) there is no such call and nothing is done.
/// </summary>
internal static class NativeHeap
{
    private static bool unavailable = !OperatingSystem.IsLinux();

    /// <summary>Returns the free pages of the C heap to the system; false where that cannot be done.</summary>
    public static bool Trim()
    {
        if (unavailable)
            return false;
        try
        {
            MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            unavailable = true;
            return false;
        }
    }

    // DllImport rather than LibraryImport: that one needs unsafe code allowed, for a call with one blittable argument.
    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
