using Microsoft.Extensions.Hosting;

namespace FleetOps.EdgeAgent.Hosting;

/// <summary>
/// For the standalone agent process only (a simulator hosting many agents leaves the GC alone). A reconcile allocates
/// a few MiB and then the agent idles for a minute, well under its gen 0 budget, so without help the GC would not run
/// and the garbage would stay resident; and glibc keeps the pages the JIT, libgit2 and OpenSSL freed. Half a minute
/// after something was allocated, one aggressive collection (compacting, and giving back the regions it frees instead
/// of keeping a budget's worth committed) and a malloc_trim put both back at what is live, for a few milliseconds of
/// CPU on a heap of a few MiB. An agent that allocated nothing since the last look is left alone.
/// </summary>
internal sealed class HeapCompactor(TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    /// <summary>Less than this allocated since the last compaction (a heartbeat, a timer) is not worth a collection.</summary>
    public const long Threshold = 256 * 1024;

    /// <summary>Whether the bytes allocated since the last compaction are worth one.</summary>
    public static bool ShouldCompact(long allocatedNow, long allocatedAtLastCompaction) =>
        allocatedNow - allocatedAtLastCompaction >= Threshold;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        var last = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var allocated = GC.GetTotalAllocatedBytes();
                if (!ShouldCompact(allocated, last))
                    continue;
                Compact();
                last = GC.GetTotalAllocatedBytes();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>One aggressive full collection, then the C heap's free pages back to the system.</summary>
    public static void Compact()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.Trim();
    }
}
