using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Polling;

namespace FleetOps.EdgeAgent.Tests.Doubles;

/// <summary>
/// A Kubernetes API server that has hung: it accepts connections and never answers. Each connection is
/// stamped on the clock the test hands in, so a test can tell "retried at once" from "retried after a backoff".
/// </summary>
internal sealed class HungApiServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<DateTimeOffset> connections = new();
    private readonly ConcurrentBag<TcpClient> held = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly TimeProvider time;
    private readonly Task accepting;

    public HungApiServer(TimeProvider time)
    {
        this.time = time;
        listener.Start();
        accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

    /// <summary>When each connection arrived (one per request here: a hung connection is never reused).</summary>
    public IReadOnlyList<DateTimeOffset> Connections => connections.ToArray();

    /// <summary>A token kubeconfig naming this server, as a store's would.</summary>
    public string WriteKubeconfig(string path)
    {
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: hung
              cluster:
                server: {Url}
            contexts:
            - name: hung
              context:
                cluster: hung
                user: hung
            current-context: hung
            users:
            - name: hung
              user:
                token: hung
            """);
        return path;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                connections.Enqueue(time.GetUtcNow());
                // Held open and never read or answered: the request stays in flight until the client gives up.
                held.Add(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        foreach (var client in held)
            client.Dispose();
        stopping.Dispose();
    }
}
