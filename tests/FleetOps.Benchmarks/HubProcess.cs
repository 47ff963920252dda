using System.Diagnostics;
using FleetOps.Testing.Files;
using FleetOps.Testing.Network;

namespace FleetOps.Benchmarks;

/// <summary>
/// The real fleetops-hub, started from its build output as a child process on free ports, so that its
/// resident memory is its own and not the simulated agents'.
/// </summary>
public sealed class HubProcess : IDisposable
{
    private readonly Process process;

    private HubProcess(Process process, int httpPort, int mqttPort, int tlsPort, string dataDir)
    {
        TlsPort = tlsPort;
        CaPath = Path.Combine(dataDir, "tls", "ca.crt");
        this.process = process;
        HttpPort = httpPort;
        MqttPort = mqttPort;
    }

    public int HttpPort { get; }

    public int MqttPort { get; }

    /// <summary>The embedded broker's TLS port, which real agents use; they verify the hub with <see cref="CaPath"/>.</summary>
    public int TlsPort { get; }

    /// <summary>The CA the hub made for its broker (in its data dir, once it has started).</summary>
    public string CaPath { get; }

    public int Id => process.Id;

    public int SiloPort { get; private init; }

    public static HubProcess Start(string dataDir, string repository, string adminToken) =>
        Start(dataDir, repository, adminToken, FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());

    /// <summary>A hub on the same folders and ports as this one (after it stopped): its stores reconnect to it as to the old.</summary>
    public HubProcess Restart(string dataDir, string repository, string adminToken) =>
        Start(dataDir, repository, adminToken, HttpPort, MqttPort, SiloPort, TlsPort);

    private static HubProcess Start(string dataDir, string repository, string adminToken, int http, int mqtt, int silo, int tls)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            Checkout.BuildOutput(Path.Combine("hub", "FleetOps.Hub"), "fleetops-hub.dll"), "--urls", $"http://127.0.0.1:{http}", "--Hub:DataDir", dataDir, "--Hub:AdminToken", adminToken,
            "--Hub:Source:Url", repository, "--Hub:Source:Branch", "main", "--Hub:Mqtt:Port", mqtt.ToString(), "--Hub:Mqtt:TlsPort", tls.ToString(), "--Hub:Mqtt:BindAddress", "127.0.0.1",
            "--Hub:Orleans:SiloPort", silo.ToString(), "--Logging:LogLevel:Default", "Warning",
            "--Logging:LogLevel:FleetOps.Hub.Messaging.DesiredRepublisher", "Information",
        })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        // The hub logs at Warning, but how long resuming every cluster took is worth seeing beside the benchmark's figures.
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("Republished desired state", StringComparison.Ordinal) == true) Console.WriteLine($"hub: {e.Data.Trim()}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"hub: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new HubProcess(process, http, mqtt, tls, dataDir) { SiloPort = silo };
    }

    /// <summary>Resident and peak resident memory of the hub process, in MiB (Linux /proc).</summary>
    public (double Rss, double Peak) Memory() => Machine.Memory(process.Id);

    /// <summary>CPU time the hub process has used so far, user plus system (Linux /proc, 100 ticks per second).</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }

    public bool HasExited => process.HasExited;

    public void Dispose()
    {
        if (!process.HasExited && !OperatingSystem.IsWindows())
        {
            // SIGTERM first: the hub shuts down cleanly (LiteDB closed, traces flushed) before any kill.
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString()]);
            term.WaitForExit();
            process.WaitForExit(15_000);
        }
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        process.Dispose();
    }
}
