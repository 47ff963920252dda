using FleetOps.Hub.Hosting;
using FleetOps.Hub.Storage;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Disks;
using FleetOps.Testing.Polling;
using LiteDB;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Tests.Unit;

/// <summary>
/// What the hub's journal store has acknowledged survives a power cut: the cluster grain acks a batch as soon as
/// <see cref="LiteDbJournalStore.AppendAsync"/> completes, and the agent then deletes those events for good.
/// </summary>
public sealed class PowerCutTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 11, 55, 0, TimeSpan.Zero);

    [Fact]
    public async Task AJournalBatchTheStoreHasAcceptedIsStillThereAfterThePowerFailsTheMomentItIsAccepted()
    {
        var disk = new PowerCutDisk();
        using (var before = Open(disk))
        {
            var other = before.Database.GetCollection("other");
            other.Upsert(new BsonDocument { ["_id"] = "x", ["v"] = 1 });
            // A slow disk, and LiteDB's log writer busy on another thread: its flush of another commit waits on the
            // disk. A commit made meanwhile only queues its pages and returns (an idle writer flushes on the
            // committing thread, so this is the moment a commit's return says least).
            disk.HoldFlushes();
            var busy = Task.Run(() => other.Upsert(new BsonDocument { ["_id"] = "x", ["v"] = 2 }));
            await Eventually.UntilAsync(() => disk.FlushWaiting, "a flush waits on the disk");

            var append = Journal(before).AppendAsync("store-1", Events(1, 3), At);
            var cut = append.ContinueWith(_ => disk.Cut(), TaskContinuationOptions.ExecuteSynchronously);
            // An append that completes now (before the disk has the batch) would be acked and lost: give it the chance.
            await Eventually.CompletesWithinAsync(append, TimeSpan.FromSeconds(2));
            disk.ReleaseFlushes();
            await append;
            await cut;
            await busy;
        }

        using var after = Open(disk);
        var stored = await Journal(after).LatestAsync("store-1", 100);
        Assert.Equal([1L, 2, 3], stored.Select(e => e.Event.Seq));
    }

    [Fact]
    public async Task WhenABatchIsAcceptedTheLogOnTheDiskIsTheLogLiteDbHas()
    {
        var disk = new PowerCutDisk();
        using var database = Open(disk);
        // The batch's log reaches the disk while the data file is slow: LiteDB's log writer flushes it.
        disk.HoldFlushes(only: HubDatabase.FileName);
        var append = Journal(database).AppendAsync("store-1", Events(1, 3), At);
        await Eventually.UntilAsync(() => disk.FlushedLength(LogName) > 0, "the batch's log is on the disk");
        disk.ReleaseFlushes();
        await append;

        // The batch is in the data file and LiteDB has emptied its log. Were the emptying only in the page cache, a
        // power cut would leave the old log on the disk, and the next open would replay it over the data file: over
        // the pages of batches accepted after it, undoing them.
        Assert.True(disk.IsFlushed(LogName), "the emptied log is on the disk");
    }

    private const string LogName = "hub-log.db";

    private static HubDatabase Open(PowerCutDisk disk)
    {
        var log = disk.Open(LogName);
        return new(new LiteDatabase(disk.Open(HubDatabase.FileName), logStream: log), syncLog: log.Flush);
    }

    private static LiteDbJournalStore Journal(HubDatabase database) =>
        new(database, Options.Create(new HubOptions { HistoryLimit = 1000 }));

    private static List<JournalEvent> Events(long first, long last) =>
        Enumerable.Range((int)first, (int)(last - first + 1)).Select(seq => new JournalEvent(seq, At, JournalEventKinds.Applied, "pos", "abc123")).ToList();
}
