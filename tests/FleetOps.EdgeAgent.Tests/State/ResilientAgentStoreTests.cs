using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Disks;
using FleetOps.Testing.Files;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FleetOps.EdgeAgent.Tests.State;

/// <summary>The store in front of LiteDB when the data dir cannot be written: memory carries on, the file catches up.</summary>
public sealed class ResilientAgentStoreTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SmallDisk disk;

    public ResilientAgentStoreTests() => disk = SmallDisk.Create(dir.Sub("agent"), preferMount: false);

    private LiteAgentStore File() => new(disk.Folder, "store-1", 100, time, opener: disk.Opener);

    private ResilientAgentStore Open(Func<LiteAgentStore>? open = null) =>
        new(open ?? File, () => disk.Opener.Probe(disk.Folder), disk.Folder, 100, time, NullLogger<ResilientAgentStore>.Instance);

    [Fact]
    public void EventsHeldWhileTheDiskIsFullCanBeSentAndAckedAndTheRestIsWrittenWithTheSameSeqs()
    {
        using (var store = Open())
        {
            store.Append("Before");
            store.Acknowledge(1);
            disk.Fill();
            store.SaveGroup(new GroupRecord("shop", new string('a', 40), "shop", [], null));
            // LiteDB's log writer fails on its own thread; the store learns of it at its next call.
            Assert.True(SpinWait.SpinUntil(() => store.ReadJournal(0, 1) is not null && store.Fault is not null, TimeSpan.FromSeconds(10)));

            var during = store.Append("DuringTheOutage");
            var held = store.ReadJournal(1, 10);
            Assert.Equal([JournalEventKinds.StorageUnavailable, "DuringTheOutage"], held.Select(e => e.Kind));
            Assert.Equal([2L, 3L], held.Select(e => e.Seq));
            store.Acknowledge(2);
            Assert.False(store.TryRecover());

            disk.Free();
            Assert.True(store.TryRecover());
            Assert.Null(store.Fault);
            Assert.Equal(during.Seq, store.ReadJournal(2, 10)[0].Seq);
        }
        using var file = File();
        Assert.Equal(["DuringTheOutage", JournalEventKinds.StorageRecovered], file.ReadJournal(0, 10).Select(e => e.Kind));
        Assert.Equal([3L, 4L], file.ReadJournal(0, 10).Select(e => e.Seq));
        Assert.Equal(2, file.AckedSeq);
        Assert.Equal(new string('a', 40), file.LoadGroup("shop")!.AppliedRevision);
    }

    [Fact]
    public void AFileThatCannotBeOpenedAtStartIsMergedOnceItCanAndHeldEventsAreNumberedAfterItsOwn()
    {
        using (var seed = File())
        {
            for (var i = 0; i < 5; i++)
                seed.Append("Old");
            seed.SaveDesired(new DesiredMessage(1, "store-1", 7, new SourceRef("/repo", "main"), [], 60, time.GetUtcNow()));
        }
        var refuse = true;
        using (var store = Open(() => refuse ? throw new IOException("No space left on device") : File()))
        {
            Assert.NotNull(store.Fault);
            Assert.Null(store.LoadDesired());
            store.Append("Started");
            // Their seqs are not known until the file is read: nothing goes to the hub yet.
            Assert.Empty(store.ReadJournal(0, 10));

            refuse = false;
            Assert.True(store.TryRecover());
            Assert.Equal(7, store.LoadDesired()!.Generation);
            Assert.Equal([6L, 7L, 8L], store.ReadJournal(5, 10).Select(e => e.Seq));
            Assert.Equal([JournalEventKinds.StorageUnavailable, "Started", JournalEventKinds.StorageRecovered], store.ReadJournal(5, 10).Select(e => e.Kind));
        }
    }

    public void Dispose()
    {
        disk.Dispose();
        dir.Dispose();
    }
}
