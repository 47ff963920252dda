using System.Diagnostics;
using System.Net.Sockets;
using FleetOps.Testing.Files;
using FleetOps.Testing.Network;
using FleetOps.Testing.Polling;

namespace FleetOps.Scenarios.Tests.ScaleOut;

/// <summary>
/// A real Mosquitto for hub silos and stores without dynamic security: a static password file and ACL this class
/// writes (the hub's user may use every cluster's topics; a store, by username, only its own, as the embedded broker's
/// rule), re-read on SIGHUP when stores are added. On a free loopback port, without persistence; stopped on dispose.
/// </summary>
public sealed class StoreBroker : IDisposable
{
    public const string HubUser = "fleetops-hub";
    public const string HubPassword = "hub-password-for-tests";

    private readonly Process process;
    private readonly TempDir folder = new("fleetops-mosquitto-static");
    private readonly Dictionary<string, string> users = new(StringComparer.Ordinal) { [HubUser] = HubPassword };

    private StoreBroker(int port)
    {
        Port = port;
        WritePasswords();
        File.WriteAllText(folder.Sub("acl"), """
            user fleetops-hub
            topic readwrite fleetops/v1/clusters/#

            pattern write fleetops/v1/clusters/%u/hello
            pattern write fleetops/v1/clusters/%u/status
            pattern write fleetops/v1/clusters/%u/journal
            pattern write fleetops/v1/clusters/%u/presence
            pattern read fleetops/v1/clusters/%u/desired
            pattern read fleetops/v1/clusters/%u/ack

            """);
        var config = folder.Write("mosquitto.conf",
            $"listener {port} 127.0.0.1\nallow_anonymous false\npassword_file {folder.Sub("passwd")}\nacl_file {folder.Sub("acl")}\npersistence false\n");
        var executable = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is not installed (apt-get install mosquitto); the ScaleOut tests need it");
        process = Process.Start(new ProcessStartInfo(executable, ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        _ = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
    }

    public int Port { get; }

    public string Url => $"mqtt://127.0.0.1:{Port}";

    public static async Task<StoreBroker> StartAsync()
    {
        var broker = new StoreBroker(FreePort.Next());
        await Eventually.UntilAsync(async () =>
        {
            using var probe = new TcpClient();
            await probe.ConnectAsync("127.0.0.1", broker.Port);
            return true;
        }, "mosquitto accepts connections", TimeSpan.FromSeconds(10));
        return broker;
    }

    /// <summary>Lets these stores in (username = cluster id, password = its token) and has Mosquitto read the file again.</summary>
    public async Task AllowAsync(IEnumerable<(string ClusterId, string Token)> stores)
    {
        foreach (var (id, token) in stores)
            users[id] = token;
        WritePasswords();
        await RunAsync("kill", "-HUP", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5000);
        }
        process.Dispose();
        folder.Dispose();
    }

    // Plain "user:password" lines, hashed in place by mosquitto_passwd -U (one call for every user).
    private void WritePasswords()
    {
        var file = folder.Sub("passwd");
        File.WriteAllLines(file, users.Select(u => $"{u.Key}:{u.Value}"));
        RunAsync("mosquitto_passwd", "-U", file).GetAwaiter().GetResult();
    }

    private static async Task RunAsync(string executable, params string[] args)
    {
        using var run = Process.Start(new ProcessStartInfo(executable, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var errors = run.StandardError.ReadToEndAsync();
        _ = run.StandardOutput.ReadToEndAsync();
        await run.WaitForExitAsync();
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"{executable} {string.Join(' ', args)} exited {run.ExitCode}: {await errors}");
    }
}
