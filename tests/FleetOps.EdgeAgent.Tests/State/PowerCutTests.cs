using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Disks;
using FleetOps.Testing.Files;
using FleetOps.Testing.Polling;
using Microsoft.Extensions.Time.Testing;

namespace FleetOps.EdgeAgent.Tests.State;

/// <summary>
/// What the agent sends to the hub survives a power cut at the store: otherwise it would number new events with seqs
/// the hub already holds, and the hub would drop them as repeats.
/// </summary>
public sealed class PowerCutTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 11, 55, 0, TimeSpan.Zero));
    private readonly PowerCutDisk disk = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task AJournalEventReadForTheHubIsOnTheDiskBeforeItGoes()
    {
        using (var seed = Open())
            seed.Append("Before");
        IReadOnlyList<JournalEvent> sent;
        using (var store = Open())
        {
            // A slow disk from here on. The first commit after an open is flushed by LiteDB's writer on a thread of
            // its own, so the commit returns with its pages queued, not written.
            disk.HoldFlushes();
            store.Append(JournalEventKinds.Applied, "pos", "abc123");
            var read = Task.Run(() => store.ReadJournal(0, 10));
            // The power fails the moment the events are handed to the link.
            var cut = read.ContinueWith(_ => disk.Cut(), TaskContinuationOptions.ExecuteSynchronously);
            await Eventually.CompletesWithinAsync(read, TimeSpan.FromSeconds(2));
            disk.ReleaseFlushes();
            sent = await read;
            await cut;
        }

        using var after = Open();
        Assert.Equal([1L, 2L], sent.Select(e => e.Seq));
        Assert.Equal(2, after.LastSeq);
        Assert.Equal(["Before", JournalEventKinds.Applied], after.ReadJournal(0, 10).Select(e => e.Kind));
    }

    [Fact]
    public async Task WhenEventsAreReadForTheHubTheLogOnTheDiskIsTheLogLiteDbHas()
    {
        using var store = Open();
        store.Append("First");
        await Eventually.UntilAsync(() => disk.FlushedLength(LogName) > 0, "LiteDB's log writer put the commit on the disk");

        store.ReadJournal(0, 10);

        // The read folded the log into the data file and LiteDB emptied the log. Were the emptying only in the page
        // cache, a power cut would leave the old log on the disk, and the next open would replay it over the newer
        // pages of the data file: the seq would go back and events the hub holds would be numbered again.
        Assert.True(disk.IsFlushed(LogName), "the emptied log is on the disk");
    }

    private static string LogName => Path.GetFileName(StateFileOpener.LogPath(LiteAgentStore.FileName));

    private LiteAgentStore Open() => new(dir.Path, "store-1", 100, time, opener: new PowerCutStateFileOpener(disk));
}
