using Microsoft.Extensions.Hosting;

namespace FleetOps.EdgeAgent.Hosting;

/// <summary>
/// For the standalone agent process only (a simulator hosting many agents leaves the GC alone): objects
/// that outlive a reconcile's awaits are promoted and sit in the older generations until the GC next
/// looks there, which on an idle agent can take hours. One compacting collection every few minutes
/// keeps the resident footprint flat, for a few milliseconds of CPU on a heap of a few MiB; glibc keeps
/// the pages the JIT, libgit2 and OpenSSL freed until malloc_trim asks for them (<see cref="NativeHeap"/>).
/// </summary>
internal sealed class HeapCompactor(TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                NativeHeap.Trim();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
