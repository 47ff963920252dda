using System.Diagnostics;
using System.Net.Sockets;
using FleetOps.Testing.Files;
using FleetOps.Testing.Network;
using FleetOps.Testing.Polling;

namespace FleetOps.Hub.Tests.Harness;

/// <summary>A real Mosquitto broker on a free loopback port, anonymous, without persistence, stopped on dispose.</summary>
public sealed class Mosquitto : IDisposable
{
    private readonly Process process;
    private readonly TempDir folder = new("fleetops-mosquitto");

    private Mosquitto(int port)
    {
        Port = port;
        var config = folder.Sub("mosquitto.conf");
        File.WriteAllText(config, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n");
        var executable = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is not installed (apt-get install mosquitto); the external-broker tests need it");
        process = Process.Start(new ProcessStartInfo(executable, ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
    }

    public int Port { get; }

    public static async Task<Mosquitto> StartAsync()
    {
        var broker = new Mosquitto(FreePort.Next());
        await Eventually.UntilAsync(async () =>
        {
            using var probe = new TcpClient();
            await probe.ConnectAsync("127.0.0.1", broker.Port);
            return true;
        }, "mosquitto accepts connections", TimeSpan.FromSeconds(10));
        return broker;
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
}
