namespace FleetOps.EdgeAgent.State;

/// <summary>
/// A file stream whose <see cref="Flush()"/> reaches the disk. LiteDB flushes a stream it was handed with a plain
/// Flush (only a FileStream of its own gets <c>Flush(true)</c>), which would leave its log in the page cache.
/// </summary>
public sealed class SyncedFileStream(FileStream inner) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => inner.Position = value; }

    public override void Flush() => inner.Flush(flushToDisk: true);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value) => inner.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
