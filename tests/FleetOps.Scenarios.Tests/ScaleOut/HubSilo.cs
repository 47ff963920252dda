using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FleetOps.Cli.Client;
using FleetOps.Testing.Brokers;
using FleetOps.Testing.Files;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Network;
using FleetOps.Testing.Polling;

namespace FleetOps.Scenarios.Tests.ScaleOut;

/// <summary>
/// One hub silo as a real process: the built <c>fleetops-hub</c>, clustered and storing in PostgreSQL, talking to
/// agents through an external broker, with its own data dir, API port and silo port. Its log is kept for the test to
/// read; <see cref="KillAsync"/> is SIGKILL (nothing flushed, no goodbye to the cluster), <see cref="StartAsync()"/>
/// starts it again on the same ports and folder.
/// </summary>
public sealed class HubSilo : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly string[] arguments;
    private readonly ConcurrentQueue<string> log = new();
    private Process? process;

    public HubSilo(string name, string dataDir, string connectionString, string clusterId, Mosquitto broker, string repositoryUrl, IReadOnlyDictionary<string, string>? settings = null)
    {
        Name = name;
        var invariant = CultureInfo.InvariantCulture;
        ApiAddress = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(invariant)}");
        var all = new Dictionary<string, string>
        {
            ["Hub:DataDir"] = dataDir,
            ["Hub:AdminToken"] = InProcessHubOptions.TestAdminToken,
            ["Hub:Source:Url"] = repositoryUrl,
            ["Hub:Source:PollInterval"] = "00:10:00",
            ["Hub:Mqtt:BrokerUrl"] = broker.Url,
            ["Hub:Mqtt:Username"] = broker.AdminUser,
            ["Hub:Mqtt:Password"] = broker.AdminPassword,
            // The stores' credentials are the test's static password file (Mosquitto.StartWithPasswordsAsync), not
            // the hub's to manage (that is dynamic security, which the Hub.Tests cover).
            ["Hub:Mqtt:Credentials"] = "None",
            ["Hub:Orleans:Clustering"] = "AdoNet",
            ["Hub:Orleans:Storage"] = "AdoNet",
            ["Hub:Orleans:ConnectionString"] = connectionString,
            ["Hub:Orleans:ClusterId"] = clusterId,
            ["Hub:Orleans:SiloPort"] = FreePort.Next().ToString(invariant),
            ["Hub:Orleans:AdvertisedAddress"] = "127.0.0.1",
            ["Hub:Database:ProbeInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            all[key] = value;
        arguments = [Checkout.BuildOutput(Path.Combine("hub", "FleetOps.Hub"), "fleetops-hub.dll"), "--urls", ApiAddress.ToString(),
            .. all.Select(s => $"--{s.Key}={s.Value}")];
        Client = HubClients.For(ApiAddress, InProcessHubOptions.TestAdminToken);
    }

    public string Name { get; }

    public Uri ApiAddress { get; }

    public HubClient Client { get; }

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Everything this silo wrote to stdout and stderr, across its starts.</summary>
    public string Log => string.Join('\n', log);

    /// <summary>Starts the process and waits for /readyz.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.UntilAsync(async () =>
        {
            Assert.False(process.HasExited, $"silo {Name} exited {(process.HasExited ? process.ExitCode : 0)}:\n{Log}");
            return await Client.IsReadyAsync(default);
        }, () => $"silo {Name} is ready\n{Log}", StartTimeout);
    }

    /// <summary>Runs <c>fleetops-hub --init-database</c> with this silo's settings; returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> InitDatabaseAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments.Append("--init-database"))
            start.ArgumentList.Add(argument);
        using var run = Process.Start(start)!;
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(StartTimeout);
        await run.WaitForExitAsync(deadline.Token);
        return (run.ExitCode, await stdout + await stderr);
    }

    /// <summary>SIGKILL: the process ends at once, as on a power cut or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (process is not { HasExited: false } running)
            return;
        running.Kill();
        await running.WaitForExitAsync();
    }

    /// <summary>Waits until a line of this silo's log contains <paramref name="text"/>.</summary>
    public Task WaitForLogAsync(string text, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(() => log.Any(l => l.Contains(text, StringComparison.Ordinal)), () => $"silo {Name} logs '{text}'\n{Log}", timeout ?? TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (process is null)
            return;
        if (!process.HasExited)
        {
            // SIGTERM first: a silo that stops cleanly leaves the cluster at once instead of being voted dead.
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
            log.Enqueue($"[{Name}] {line}");
    }
}
