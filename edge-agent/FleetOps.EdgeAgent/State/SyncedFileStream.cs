namespace FleetOps.EdgeAgent.State;

/// <summary>
/// A file stream whose every flush and every change of length reaches the disk.
/// <list type="bullet">
/// <item>LiteDB flushes a stream it was handed with a plain Flush (only a FileStream of its own gets <c>Flush(true)</c>),
/// which would leave its log in the page cache.</item>
/// <item>LiteDB empties its log after folding it into the data file (a checkpoint: by us, at every 100 pages, at
/// close) without flushing it. Were the emptying lost to a power cut while the data file's new pages survived, the
/// next open would replay the old log over newer pages and take the store back (seqs the hub holds handed out
/// again, events lost). So a change of length is flushed at once.</item>
/// <item>LiteDB's log writer can still be flushing when its database has closed (it does not wait for its own
/// loop), and a file handle in use stays open, and locked, until that call returns: a reopen would find the file
/// "being used by another process". Closing waits for a flush under way; a flush after closing has nothing left
/// to do.</item>
/// </list>
/// </summary>
public sealed class SyncedFileStream(Stream inner) : Stream
{
    private readonly Lock gate = new();
    private bool closed;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => inner.Position = value; }

    public override void Flush()
    {
        lock (gate)
        {
            if (!closed)
                ToDisk();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value)
    {
        lock (gate)
        {
            inner.SetLength(value);
            ToDisk();
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (gate)
            {
                closed = true;
                inner.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    private void ToDisk()
    {
        if (inner is FileStream file)
            file.Flush(flushToDisk: true);
        else
            inner.Flush();
    }
}
