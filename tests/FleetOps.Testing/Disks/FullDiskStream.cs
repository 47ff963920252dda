namespace FleetOps.Testing.Disks;

/// <summary>
/// A file stream that, while <c>full()</c> holds, refuses every write that would make the file longer with the
/// exception .NET raises for ENOSPC, and lets writes within the file's length through, as a full disk does.
/// </summary>
internal sealed class FullDiskStream(FileStream inner, Func<bool> full) : Stream
{
    // ENOSPC, as .NET reports it on Linux: IOException with the errno in HResult and the system's text.
    public const int NoSpace = 28;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => inner.Position = value; }

    public override void Flush() => inner.Flush(flushToDisk: true);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value)
    {
        if (value > inner.Length)
            ThrowIfFull();
        inner.SetLength(value);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (inner.Position + count > inner.Length)
            ThrowIfFull();
        inner.Write(buffer, offset, count);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }

    private void ThrowIfFull()
    {
        if (full())
            throw new IOException($"No space left on device : '{inner.Name}'", NoSpace);
    }
}
