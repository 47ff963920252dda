using System.Net;
using System.Net.Sockets;

namespace FleetOps.Testing.Network;

/// <summary>
/// A loopback TCP relay between one store and the broker, so a scenario can cut a store off the
/// network (<see cref="Sever"/>) and bring it back (<see cref="Restore"/>) without touching the agent:
/// the agent sees exactly what a dropped WAN link looks like, connections reset and refused. It can also hang
/// the link (<see cref="Stall"/>: connections stay open, nothing gets through) and counts the bytes that cross it each way.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint target;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly List<TcpClient> open = [];
    private readonly Task acceptLoop;
    private volatile bool severed;
    private volatile bool stalled;
    private long bytesUp;
    private long bytesDown;

    public TcpProxy(IPEndPoint target)
    {
        this.target = target;
        listener.Start();
        acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public bool IsSevered => severed;

    /// <summary>Bytes the store has sent towards the broker through this link, MQTT framing included.</summary>
    public long BytesUp => Interlocked.Read(ref bytesUp);

    /// <summary>Bytes the far side has sent back to the store through this link (a git fetch's advertisement and pack, say).</summary>
    public long BytesDown => Interlocked.Read(ref bytesDown);

    /// <summary>Holds every byte in both directions on open connections until <see cref="Resume"/>: a hung link, not a dropped one.</summary>
    public void Stall() => stalled = true;

    public void Resume() => stalled = false;

    /// <summary>Drops every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Sever()
    {
        severed = true;
        CloseAll();
    }

    public void Restore() => severed = false;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        CloseAll();
        try
        {
            await acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (severed)
            {
                inbound.Client.Close(0);
                inbound.Dispose();
                continue;
            }
            _ = RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        using var outbound = new TcpClient();
        try
        {
            await outbound.ConnectAsync(target, stopping.Token);
            Track(inbound, outbound);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            var up = PumpAsync(inbound.GetStream(), outbound.GetStream(), upward: true, both.Token);
            var down = PumpAsync(outbound.GetStream(), inbound.GetStream(), upward: false, both.Token);
            await Task.WhenAny(up, down);
            await both.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A reset on either side ends the relay; the agent's reconnect logic takes it from there.
        }
        finally
        {
            Untrack(inbound, outbound);
            inbound.Dispose();
        }
    }

    private async Task PumpAsync(Stream from, Stream to, bool upward, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await from.ReadAsync(buffer, cancellationToken);
            if (read == 0)
                return;
            while (stalled)
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            // Counted before they are passed on: once the far end has them, a reader of the count sees them too.
            if (upward)
                Interlocked.Add(ref bytesUp, read);
            else
                Interlocked.Add(ref bytesDown, read);
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    private void Track(params TcpClient[] clients)
    {
        lock (gate)
            open.AddRange(clients);
    }

    private void Untrack(params TcpClient[] clients)
    {
        lock (gate)
        {
            foreach (var client in clients)
                open.Remove(client);
        }
    }

    private void CloseAll()
    {
        TcpClient[] toClose;
        lock (gate)
        {
            toClose = [.. open];
            open.Clear();
        }
        foreach (var client in toClose)
        {
            // A relay may be ending on its own at this very moment, leaving its client disposed (Client null).
            try
            {
                client.Client?.Close(0);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
            }
        }
    }
}
