namespace FleetOps.Hub.Messaging.Embedded;

/// <summary>
/// The stream MQTTnet reads a client's packets from: every chunk passes the <see cref="PacketGuard"/> before
/// MQTTnet sees it, and until the CONNECT has been read whole each read also ends at the connect deadline. A
/// refusal or the deadline ends the stream (a read of 0 bytes), which MQTTnet takes as the client hanging up:
/// the connection is closed without reading (or allocating) the refused packet's body.
/// </summary>
internal sealed class PacketGuardStream(Stream inner, PacketGuard guard, CancellationToken connectDeadline, Action<string> refused)
    : Stream
{
    public const string ConnectTimeout = "connect_timeout";

    private bool ended;

    public override bool CanRead => true;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (ended)
            return 0;
        int read;
        if (guard.ConnectRead)
            read = await inner.ReadAsync(buffer, cancellationToken);
        else
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectDeadline);
            try
            {
                read = await inner.ReadAsync(buffer, either.Token);
            }
            catch (OperationCanceledException) when (connectDeadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return End(ConnectTimeout);
            }
        }
        if (read == 0)
            return 0;
        return guard.Take(buffer.Span[..read]) is { } reason ? End(reason) : read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private int End(string reason)
    {
        ended = true;
        refused(reason);
        return 0;
    }
}
