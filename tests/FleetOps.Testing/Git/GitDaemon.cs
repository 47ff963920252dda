using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FleetOps.Testing.Network;
using FleetOps.Testing.Polling;

namespace FleetOps.Testing.Git;

/// <summary>
/// Debian's <c>git daemon</c> serving every repository under a folder over git:// on a free loopback port: a real
/// network transport, so a fetch negotiates and receives a pack as it does from a git server (a local path copies
/// objects instead). Dispose stops the daemon and the upload-pack processes it started.
/// </summary>
public sealed class GitDaemon : IGitServer
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    private readonly Process process;

    private GitDaemon(Process process, string basePath, int port)
    {
        this.process = process;
        BasePath = basePath;
        Port = port;
    }

    public string BasePath { get; }

    public int Port { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public string UrlOf(string repositoryPath, int? port = null) =>
        $"git://127.0.0.1:{port ?? Port}/{Path.GetRelativePath(BasePath, repositoryPath).Replace('\\', '/')}";

    /// <summary>Starts a daemon over <paramref name="basePath"/> and returns once it accepts connections.</summary>
    public static async Task<GitDaemon> StartAsync(string basePath)
    {
        Directory.CreateDirectory(basePath);
        // A port FreePort gave can be taken before the daemon binds it; the daemon then exits and another is tried.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var process = Launch(basePath, port);
            // Drained from the start, so a chatty daemon never blocks on a full pipe.
            var errors = process.StandardError.ReadToEndAsync();
            try
            {
                await Eventually.UntilAsync(() => process.HasExited || Accepts(port), $"git daemon accepts connections on port {port}", StartDeadline);
                if (!process.HasExited)
                    return new GitDaemon(process, basePath, port);
            }
            catch
            {
                Stop(process);
                throw;
            }
            var exitCode = process.ExitCode;
            process.Dispose();
            if (attempt == 3)
                throw new InvalidOperationException($"git daemon did not start (exit {exitCode}): {await errors}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop(process);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static Process Launch(string basePath, int port)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "daemon", "--reuseaddr", "--export-all", "--informative-errors", "--listen=127.0.0.1", $"--port={port}",
            $"--base-path={basePath}", basePath,
        })
            start.ArgumentList.Add(argument);
        // The machine's own git settings must not change what the daemon serves.
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException("git daemon did not start");
    }

    private static bool Accepts(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the look and the kill.
        }
    }
}
