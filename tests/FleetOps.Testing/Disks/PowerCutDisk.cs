namespace FleetOps.Testing.Disks;

/// <summary>
/// Files as a disk with a page cache keeps them: a write reaches the process's view at once but survives a power
/// cut only once a flush has taken it to the disk (our streams' <c>Flush()</c> is the fsync, see SyncedFileStream).
/// <see cref="Cut"/> is the power cut: every open stream goes dead (later writes are lost, as they would be), and a
/// file opened after it starts from what was flushed. <see cref="HoldFlushes"/> stalls flushes (a slow disk), so a
/// test can cut the power at the one moment it cares about: a commit's pages written, not yet on the disk. (Writes
/// are not the place to stall: LiteDB locks a stream it was handed around each write, and readers would wait too.)
/// </summary>
public sealed class PowerCutDisk
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, byte[]> flushed = new(StringComparer.Ordinal);
    private readonly List<CachedFile> open = [];
    private readonly ManualResetEventSlim flushable = new(initialState: true);
    private string? heldOnly;
    private int waiting;

    /// <summary>Whether a flush is waiting on <see cref="HoldFlushes"/>.</summary>
    public bool FlushWaiting => Volatile.Read(ref waiting) > 0;

    /// <summary>Opens <paramref name="name"/> as it was last flushed (empty if it never was).</summary>
    public Stream Open(string name)
    {
        lock (gate)
        {
            var stream = new CachedFile(this, name, flushed.GetValueOrDefault(name) ?? []);
            open.Add(stream);
            return stream;
        }
    }

    /// <summary>How many bytes of <paramref name="name"/> a power cut now would leave (0 if it was never flushed).</summary>
    public long FlushedLength(string name)
    {
        lock (gate)
            return flushed.GetValueOrDefault(name)?.Length ?? 0;
    }

    /// <summary>Whether what the process sees of <paramref name="name"/> (open now) is what a power cut would leave.</summary>
    public bool IsFlushed(string name)
    {
        lock (gate)
        {
            var file = open.Last(stream => stream.Name == name);
            return file.Contents().AsSpan().SequenceEqual(flushed.GetValueOrDefault(name) ?? []);
        }
    }

    /// <summary>
    /// From now on, flushes wait until <see cref="ReleaseFlushes"/>: every file's, or only <paramref name="only"/>'s
    /// (a log on a slow disk while its data file goes through).
    /// </summary>
    public void HoldFlushes(string? only = null)
    {
        heldOnly = only;
        flushable.Reset();
    }

    public void ReleaseFlushes() => flushable.Set();

    /// <summary>The power cut: what was not flushed is gone, and the streams open now take nothing more.</summary>
    public void Cut()
    {
        lock (gate)
        {
            foreach (var stream in open)
                stream.Dead = true;
            open.Clear();
        }
        flushable.Set();
    }

    private void Flush(CachedFile stream)
    {
        if (heldOnly is null || heldOnly == stream.Name)
            AwaitFlushable();
        lock (gate)
        {
            if (!stream.Dead)
                flushed[stream.Name] = stream.Contents();
        }
    }

    private void AwaitFlushable()
    {
        if (flushable.IsSet)
            return;
        Interlocked.Increment(ref waiting);
        try
        {
            flushable.Wait();
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    /// <summary>One open file: a memory stream the process sees, flushed to the disk's image on <see cref="Flush"/>.</summary>
    private sealed class CachedFile(PowerCutDisk disk, string name, byte[] initial) : Stream
    {
        private readonly MemoryStream view = Copy(initial);

        public string Name => name;

        public volatile bool Dead;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => true;

        public override long Length
        {
            get
            {
                lock (view)
                    return view.Length;
            }
        }

        public override long Position
        {
            get
            {
                lock (view)
                    return view.Position;
            }
            set
            {
                lock (view)
                    view.Position = value;
            }
        }

        public byte[] Contents()
        {
            lock (view)
                return view.ToArray();
        }

        public override void Flush() => disk.Flush(this);

        public override int Read(byte[] buffer, int offset, int count)
        {
            lock (view)
                return view.Read(buffer, offset, count);
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            lock (view)
                return view.Seek(offset, origin);
        }

        public override void SetLength(long value)
        {
            if (Dead)
                return;
            lock (view)
                view.SetLength(value);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Dead)
                return;
            lock (view)
                view.Write(buffer, offset, count);
        }

        private static MemoryStream Copy(byte[] bytes)
        {
            var stream = new MemoryStream();
            stream.Write(bytes);
            stream.Position = 0;
            return stream;
        }
    }
}
