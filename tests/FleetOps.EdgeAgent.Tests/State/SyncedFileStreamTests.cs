using FleetOps.EdgeAgent.State;
using FleetOps.Testing.Polling;

namespace FleetOps.EdgeAgent.Tests.State;

public sealed class SyncedFileStreamTests
{
    [Fact]
    public async Task ClosingWaitsForAFlushUnderWaySoTheFileIsReallyClosedWhenItReturns()
    {
        // LiteDB's log writer can still be flushing when its database has closed; a handle in use stays open (and the
        // file locked) until that call returns, so a reopen right after the close would find the file in use.
        var inner = new SlowFlushStream();
        var stream = new SyncedFileStream(inner);
        var flush = Task.Run(stream.Flush);
        await Eventually.UntilAsync(() => inner.Flushing, "the flush is under way");

        var close = Task.Run(stream.Dispose);
        Assert.False(await Eventually.CompletesWithinAsync(close, TimeSpan.FromMilliseconds(300)), "closed during a flush");
        inner.FinishFlush();
        await close;
        await flush;

        Assert.True(inner.Closed);
        Assert.False(inner.ClosedWhileFlushing);
    }

    [Fact]
    public void AFlushAfterClosingHasNothingToDo()
    {
        var inner = new SlowFlushStream();
        var stream = new SyncedFileStream(inner);
        stream.Dispose();

        stream.Flush();

        Assert.Equal(0, inner.Flushes);
    }

    [Fact]
    public void AChangeOfLengthIsFlushed()
    {
        // LiteDB empties its log after a checkpoint without a flush; a power cut must not bring the old log back.
        var inner = new SlowFlushStream();
        inner.FinishFlush();
        using var stream = new SyncedFileStream(inner);

        stream.SetLength(0);

        Assert.Equal(1, inner.Flushes);
    }

    private sealed class SlowFlushStream : MemoryStream
    {
        private readonly ManualResetEventSlim done = new();
        private volatile bool flushing;

        public bool Flushing => flushing;

        public bool Closed { get; private set; }

        public bool ClosedWhileFlushing { get; private set; }

        public int Flushes { get; private set; }

        public void FinishFlush() => done.Set();

        public override void Flush()
        {
            flushing = true;
            done.Wait();
            flushing = false;
            Flushes++;
        }

        protected override void Dispose(bool disposing)
        {
            ClosedWhileFlushing |= flushing;
            Closed = true;
            base.Dispose(disposing);
        }
    }
}
