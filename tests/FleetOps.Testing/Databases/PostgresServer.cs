using System.Diagnostics;
using System.Globalization;
using FleetOps.Testing.Files;
using FleetOps.Testing.Network;
using Npgsql;

namespace FleetOps.Testing.Databases;

/// <summary>
/// A throwaway PostgreSQL server: Debian's binaries (<c>/usr/lib/postgresql/*/bin</c>), a cluster made by initdb in a
/// temp dir, listening on a free loopback port with its socket in that dir, trust authentication for the superuser
/// <c>fleetops</c>. PostgreSQL will not run as root, so under root every command runs as the <c>postgres</c> user.
/// Tests make a database each (<see cref="CreateDatabaseAsync"/>); <see cref="StopAsync"/> and <see cref="StartAsync()"/>
/// restart it in place; dispose stops it and removes everything.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Superuser = "fleetops";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly TempDir folder = new("fleetops-pg");
    private readonly string bin;
    private int databases;

    private PostgresServer(string bin)
    {
        this.bin = bin;
        Port = FreePort.Next();
    }

    public int Port { get; }

    private string DataDir => folder.Sub("data");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Makes the cluster and starts it.</summary>
    public static async Task<PostgresServer> StartNewAsync()
    {
        var server = new PostgresServer(FindBinaries());
        try
        {
            if (IsRoot)
                await RunAsync("chown", ["postgres:postgres", server.folder.Path]);
            await server.PgAsync("initdb", ["-D", server.DataDir, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection string for <paramref name="database"/>, failing fast while the server is down.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={Superuser};Database={database};Timeout=3;Command Timeout=30";

    /// <summary>A new empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"fleetops_{Interlocked.Increment(ref databases)}_{Guid.NewGuid():N}"[..40];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Starts the server (again) and waits until it accepts connections.</summary>
    public Task StartAsync() =>
        PgAsync("pg_ctl", ["-D", DataDir, "-l", folder.Sub("server.log"), "-w", "-t", "60", "start", "-o",
            $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {folder.Path} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"]);

    /// <summary>Stops the server, ending every connection (fast shutdown: what a restart by systemd does).</summary>
    public Task StopAsync() => PgAsync("pg_ctl", ["-D", DataDir, "-w", "-t", "60", "-m", "fast", "stop"]);

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
        {
            try
            {
                await PgAsync("pg_ctl", ["-D", DataDir, "-w", "-t", "30", "-m", "immediate", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Already stopped; the folder goes either way.
            }
        }
        folder.Dispose();
    }

    private static string FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(dir => File.Exists(Path.Combine(dir, "initdb")))
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(Path.GetDirectoryName(dir)), out var major) ? major : 0)
                .FirstOrDefault() ?? throw NotInstalled()
            : throw NotInstalled();

    private static InvalidOperationException NotInstalled() =>
        new("PostgreSQL is not installed (apt-get install postgresql); the ScaleOut tests need initdb and pg_ctl under /usr/lib/postgresql/*/bin");

    private Task PgAsync(string tool, string[] args) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. args]) : RunAsync(Path.Combine(bin, tool), args);

    private static async Task RunAsync(string executable, string[] args)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(CommandTimeout);
        await process.WaitForExitAsync(deadline.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(executable)} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
    }
}
