using System.Net.Sockets;
using System.Text.Json;
using FleetOps.EdgeAgent.State;
using LiteDB;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace FleetOps.EdgeAgent.Local;

/// <summary>
/// Where the local commands get their answer: from the running agent over its control socket, or, when no
/// agent answers there, from the data dir's state file opened read-only.
/// </summary>
public static class LocalStateReader
{
    private static readonly TimeSpan AgentTimeout = TimeSpan.FromSeconds(10);

    public static async Task<LocalStatus> StatusAsync(string dataDir, CancellationToken cancellationToken)
    {
        var request = new LocalRequest("status");
        if (await AskAgentAsync(dataDir, request, cancellationToken).ConfigureAwait(false) is { } json)
            return JsonSerializer.Deserialize(json, LocalJsonContext.Default.LocalStatus) ?? throw Garbled(dataDir);
        using var store = Open(dataDir);
        return LocalReports.Status(store, null, "data dir");
    }

    public static async Task<LocalHistory> HistoryAsync(string dataDir, string? group, int limit, CancellationToken cancellationToken)
    {
        var request = new LocalRequest("history", group, limit);
        if (await AskAgentAsync(dataDir, request, cancellationToken).ConfigureAwait(false) is { } json)
            return JsonSerializer.Deserialize(json, LocalJsonContext.Default.LocalHistory) ?? throw Garbled(dataDir);
        using var store = Open(dataDir);
        return LocalReports.History(store, group, limit, "data dir");
    }

    private static async Task<byte[]?> AskAgentAsync(string dataDir, LocalRequest request, CancellationToken cancellationToken)
    {
        var path = ControlSocket.PathIn(dataDir);
        if (!File.Exists(path))
            return null;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AgentTimeout);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), timeout.Token).ConfigureAwait(false);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable)
        {
            // Left behind by an agent that was killed: nobody listens, so the file is read directly.
            return null;
        }
        catch (SocketException e)
        {
            // Never fall back to the file here: an agent may be running and writing it.
            throw new LocalStateException($"cannot ask the agent on {path}: {e.Message.TrimEnd('.')} (run as the agent's user, or with sudo)");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LocalStateException($"the agent did not answer on {path} within {AgentTimeout.TotalSeconds:0} s; is it stuck? Its log (journalctl -u fleetops-agent) says more");
        }
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(request, LocalJsonContext.Default.LocalRequest), timeout.Token).ConfigureAwait(false);
        socket.Shutdown(SocketShutdown.Send);
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer, timeout.Token).ConfigureAwait(false);
        return answer.Length == 0 ? throw Garbled(dataDir) : answer.ToArray();
    }

    private static LiteAgentStore Open(string dataDir)
    {
        if (!Directory.Exists(dataDir))
            throw new LocalStateException($"data dir '{dataDir}' does not exist: give the agent's data dir with --data-dir or FLEETOPS_DATA_DIR (the service's is in its environment file)");
        if (!File.Exists(LiteAgentStore.FileIn(dataDir)))
            throw new LocalStateException($"data dir '{dataDir}' holds no agent state (no {Path.GetFileName(LiteAgentStore.FileIn(dataDir))}): the agent has not run with this data dir yet, or it is another folder");
        try
        {
            return LiteAgentStore.OpenReadOnly(dataDir, TimeProvider.System);
        }
        catch (Exception e) when (e is LiteException or IOException or UnauthorizedAccessException)
        {
            throw new LocalStateException($"cannot read the agent state in '{dataDir}': {e.Message.TrimEnd('.')} (run as the agent's user, or with sudo)");
        }
    }

    private static LocalStateException Garbled(string dataDir) =>
        new($"the agent answered on {ControlSocket.PathIn(dataDir)} with nothing readable; is it the same version as this command?");
}
