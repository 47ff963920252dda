using System.Diagnostics;
using System.Net.Sockets;
using FleetOps.Testing.Files;
using FleetOps.Testing.Network;
using FleetOps.Testing.Polling;

namespace FleetOps.Testing.Brokers;

/// <summary>
/// A real Mosquitto broker on a free loopback port in a temp folder, stopped and deleted on dispose: anonymous and
/// forgetful (<see cref="StartAsync"/>); as the scale-out deploys it (<see cref="StartWithDynamicSecurityAsync"/>):
/// the dynamic-security plugin with an admin user for the hub, and persistence, so it can be restarted; or with a
/// static password file and ACL (<see cref="StartWithPasswordsAsync"/>) that the test fills in as stores register.
/// </summary>
public sealed class Mosquitto : IDisposable
{
    private static readonly string[] Executables = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"];
    private readonly TempDir folder = new("fleetops-mosquitto");
    private readonly Dictionary<string, string> users = new(StringComparer.Ordinal);
    private Process? process;

    private Mosquitto(int port) => Port = port;

    public int Port { get; }

    public string Url => $"mqtt://127.0.0.1:{Port}";

    /// <summary>With dynamic security: the plugin's admin, whom the hub logs in as; with passwords: the hub's user.</summary>
    public string AdminUser { get; } = "fleetops-hub";

    public string AdminPassword { get; } = $"admin-{Guid.NewGuid():N}";

    /// <summary>The settings of a hub that manages this broker's dynamic security as its admin.</summary>
    public IReadOnlyDictionary<string, string?> HubSettings => new Dictionary<string, string?>
    {
        ["Hub:Mqtt:BrokerUrl"] = Url,
        ["Hub:Mqtt:Username"] = AdminUser,
        ["Hub:Mqtt:Password"] = AdminPassword,
    };

    private string Config => folder.Sub("mosquitto.conf");

    public static async Task<Mosquitto> StartAsync()
    {
        var broker = new Mosquitto(FreePort.Next());
        File.WriteAllText(broker.Config, $"listener {broker.Port} 127.0.0.1\nallow_anonymous true\npersistence false\n");
        await broker.RunAsync();
        return broker;
    }

    /// <summary>
    /// As hub/deploy/mosquitto.conf has it, on the loopback and without TLS: the plugin, its JSON made by
    /// <c>mosquitto_ctrl dynsec init</c> with the admin user, and persistence in the folder.
    /// </summary>
    public static async Task<Mosquitto> StartWithDynamicSecurityAsync()
    {
        var broker = new Mosquitto(FreePort.Next());
        var dynsec = broker.folder.Sub("dynamic-security.json");
        await RunToolAsync(MosquittoPaths.Ctrl(), "dynsec", "init", dynsec, broker.AdminUser, broker.AdminPassword);
        // Started as root, Mosquitto drops to the 'mosquitto' user, which could not write the plugin's JSON or the
        // persistence file in this folder: stay the user the tests run as.
        File.WriteAllText(broker.Config, $"""
            listener {broker.Port} 127.0.0.1
            user {Environment.UserName}
            plugin {MosquittoPaths.DynamicSecurityPlugin()}
            plugin_opt_config_file {dynsec}
            persistence true
            persistence_location {broker.folder.Path}/
            """);
        await broker.RunAsync();
        return broker;
    }

    /// <summary>
    /// Without the plugin: a password file and an ACL that give the hub's user every cluster's topics and a store (by
    /// username, its cluster id) only its own, as the embedded broker's rule does. <see cref="AllowAsync"/> lets stores in.
    /// </summary>
    public static async Task<Mosquitto> StartWithPasswordsAsync()
    {
        var broker = new Mosquitto(FreePort.Next());
        broker.users[broker.AdminUser] = broker.AdminPassword;
        await broker.WritePasswordsAsync();
        var acl = broker.folder.Write("acl", $"""
            user {broker.AdminUser}
            topic readwrite fleetops/v1/clusters/#

            pattern write fleetops/v1/clusters/%u/hello
            pattern write fleetops/v1/clusters/%u/status
            pattern write fleetops/v1/clusters/%u/journal
            pattern write fleetops/v1/clusters/%u/presence
            pattern read fleetops/v1/clusters/%u/desired
            pattern read fleetops/v1/clusters/%u/ack

            """);
        File.WriteAllText(broker.Config,
            $"listener {broker.Port} 127.0.0.1\nallow_anonymous false\npassword_file {broker.folder.Sub("passwd")}\nacl_file {acl}\npersistence false\n");
        await broker.RunAsync();
        return broker;
    }

    /// <summary>With passwords: lets these stores in (username = cluster id, password = its token) and has Mosquitto read the file again.</summary>
    public async Task AllowAsync(IEnumerable<(string ClusterId, string Token)> stores)
    {
        foreach (var (id, token) in stores)
            users[id] = token;
        await WritePasswordsAsync();
        if (process is { HasExited: false })
            await RunToolAsync("kill", "-HUP", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Runs <c>mosquitto_ctrl dynsec ...</c> as the admin, as an operator would; throws with its output when it fails.</summary>
    public Task<string> CtrlAsync(params string[] arguments) =>
        RunToolAsync(MosquittoPaths.Ctrl(), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-u", AdminUser, "-P", AdminPassword, "dynsec", .. arguments]);

    /// <summary>A clean stop (SIGTERM), as systemd stops it: Mosquitto writes its persistence file on the way out.</summary>
    public async Task StopAsync()
    {
        if (process is null || process.HasExited)
            return;
        await RunToolAsync("kill", "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        process.Dispose();
        process = null;
    }

    /// <summary>Starts again on the same port, configuration and files.</summary>
    public Task StartAgainAsync() => RunAsync();

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit(5000);
        }
        process?.Dispose();
        folder.Dispose();
    }

    private static async Task<string> RunToolAsync(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var tool = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        var output = tool.StandardOutput.ReadToEndAsync();
        var errors = tool.StandardError.ReadToEndAsync();
        await tool.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        // mosquitto_ctrl 2.0 reports a refused command on stderr with exit code 0: both count as failures here.
        if (tool.ExitCode != 0 || (await errors).Contains("Error:", StringComparison.Ordinal))
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} failed ({tool.ExitCode}): {await errors}{await output}");
        return await output;
    }

    // Plain "user:password" lines, hashed in place by mosquitto_passwd -U (one call for every user).
    private async Task WritePasswordsAsync()
    {
        var file = folder.Sub("passwd");
        await File.WriteAllLinesAsync(file, users.Select(u => $"{u.Key}:{u.Value}"));
        await RunToolAsync("mosquitto_passwd", "-U", file);
    }

    private async Task RunAsync()
    {
        var executable = Executables.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is not installed (apt-get install mosquitto); the external-broker tests need it");
        process = Process.Start(new ProcessStartInfo(executable, ["-c", Config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        // Drained, so a chatty broker never blocks on a full pipe.
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await Eventually.UntilAsync(async () =>
        {
            if (process.HasExited)
                throw new InvalidOperationException($"mosquitto exited with {process.ExitCode} at start (configuration {Config})");
            using var probe = new TcpClient();
            await probe.ConnectAsync("127.0.0.1", Port);
            return true;
        }, "mosquitto accepts connections", TimeSpan.FromSeconds(10));
    }
}
