using FleetOps.EdgeAgent.Hosting;

namespace FleetOps.EdgeAgent.Tests.Hosting;

/// <summary>The standalone agent's heap upkeep: what is worth a collection, and that one gives memory back.</summary>
public sealed class HeapCompactorTests
{
    [Fact]
    public void AnIdleHalfMinuteIsNotWorthACollection()
    {
        // A heartbeat and a few timers: some KiB.
        Assert.False(HeapCompactor.ShouldCompact(allocatedNow: 10_000_000 + 40_000, allocatedAtLastCompaction: 10_000_000));
    }

    [Fact]
    public void AReconcilesAllocationsAreWorthACollection()
    {
        Assert.True(HeapCompactor.ShouldCompact(allocatedNow: 10_000_000 + 3 * 1024 * 1024, allocatedAtLastCompaction: 10_000_000));
    }

    [Fact]
    public void CompactingRunsAFullCompactingCollection()
    {
        var before = GC.CollectionCount(GC.MaxGeneration);

        // Tests run in parallel: another full blocking collection may come between ours and the look at the latest one.
        // A few tries, each looking right after its own: a compactor that does not compact fails them all.
        var compacted = false;
        for (var attempt = 0; attempt < 3 && !compacted; attempt++)
        {
            HeapCompactor.Compact();
            compacted = GC.GetGCMemoryInfo(GCKind.FullBlocking).Compacted;
        }

        Assert.True(GC.CollectionCount(GC.MaxGeneration) > before);
        Assert.True(compacted);
    }

    [Fact]
    public void TheCHeapIsTrimmedWhereGlibcIs()
    {
        // CI and the stores run glibc Linux; elsewhere there is nothing to call and the agent goes on without it.
        Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.Trim());
    }
}
