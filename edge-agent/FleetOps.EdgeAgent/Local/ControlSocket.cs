using System.Net.Sockets;
using System.Text.Json;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.Local;

/// <summary>
/// The running agent answers <c>fleetops-agent status</c> and <c>history</c> on a Unix socket in its data dir
/// (owner only), from its own open store: a second process cannot read the LiteDB file safely while the agent
/// writes it. Read-only questions, one at a time; nothing leaves the machine.
/// </summary>
internal sealed class ControlSocket(AgentOptions options, IAgentStore store, ILogger<ControlSocket> logger, Link.IHubLink? link = null) : BackgroundService
{
    public const string FileName = "agent.sock";

    private const int MaxRequestBytes = 4096;

    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(5);

    public static string PathIn(string dataDir) => Path.Combine(dataDir, FileName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = PathIn(options.DataDir);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            // A socket file left by an agent that was killed: nobody listens on it any more.
            File.Delete(path);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(4);
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Not fatal: the local commands then read the data dir themselves, and say the agent did not answer.
            logger.LogWarning("No control socket at {Path}: {Error}; fleetops-agent status will read the data dir directly", path, e.Message);
            return;
        }
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using var client = await listener.AcceptAsync(stoppingToken).ConfigureAwait(false);
                await AnswerAsync(client, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task AnswerAsync(Socket client, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(ClientTimeout);
        try
        {
            await using var stream = new NetworkStream(client, ownsSocket: false);
            // The question is the whole of what the client sends before it shuts its side; a few hundred bytes.
            var buffer = new byte[MaxRequestBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), timeout.Token).ConfigureAwait(false)) > 0)
                length += read;
            var request = JsonSerializer.Deserialize(buffer.AsSpan(0, length), LocalJsonContext.Default.LocalRequest);
            var answer = request?.Command == "history"
                ? JsonSerializer.SerializeToUtf8Bytes(LocalReports.History(store, request.Group, request.Limit, "agent"), LocalJsonContext.Default.LocalHistory)
                : JsonSerializer.SerializeToUtf8Bytes(LocalReports.Status(store, options.ClusterId, "agent") with { Link = LinkState() }, LocalJsonContext.Default.LocalStatus);
            await stream.WriteAsync(answer, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or JsonException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            logger.LogDebug("A local status request failed: {Error}", e.Message);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // A question the agent cannot answer must not close the socket for the next one.
            logger.LogWarning(e, "Answering a local status request failed: {Error}", e.Message);
        }
    }

    private string? LinkState() => link switch
    {
        null or Link.NullHubLink => null,
        { IsConnected: true } => "connected",
        { Problem: { } problem } => problem,
        _ => "connecting",
    };
}
