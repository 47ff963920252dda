using System.Net;
using System.Security.Cryptography;
using FleetOps.Cli;
using FleetOps.Cli.Client;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Simulator.Source;
using FleetOps.Simulator.Stores;
using FleetOps.Testing.Git;
using FleetOps.Testing.Hub;
using Microsoft.Extensions.Logging;

namespace FleetOps.Simulator.Demo;

/// <summary>
/// The one-command demo: a working copy of fleet-config the user can commit to, a hub on embedded
/// defaults watching it, and simulated stores converging on it; prints what to try, then a line
/// whenever the fleet's state changes, until Ctrl-C.
/// </summary>
public sealed class DemoRunner(DemoOptions options, TextWriter output)
{
    public async Task<int> RunAsync(CancellationToken stop)
    {
        var root = Path.GetFullPath(options.Directory);
        Directory.CreateDirectory(root);
        var source = BundledFleetConfig.Resolve(options.FleetConfigSource);
        var repository = GitRepo.OpenOrCreate(Path.Combine(root, "fleet-config"), source, "Initial fleet-config");
        var token = AdminToken(root);

        output.WriteLine($"fleetops demo: {options.Stores} stores, working copy {repository.Path} at {Revisions.Short(repository.Head)}");
        await using var hub = await InProcessHub.StartAsync(new InProcessHubOptions
        {
            DataDir = Path.Combine(root, "hub"),
            RepositoryUrl = repository.Url,
            AdminToken = token,
            HttpPort = options.HttpPort,
            MqttPort = options.MqttPort,
            TlsPort = options.TlsPort,
            PollInterval = options.PollInterval,
            // The demo prints its own progress; the hub only speaks up when something is wrong.
            MinimumLogLevel = LogLevel.Warning,
        }, stop);
        output.WriteLine($"hub: API {hub.ApiAddress}, embedded MQTT broker over TLS on port {hub.TlsPort} (CA {hub.CaPath}), plain MQTT on 127.0.0.1:{hub.MqttPort}");
        output.WriteLine($"web view: {hub.ApiAddress} (log in with the admin token, FLEETOPS_TOKEN below)");

        await using var fleet = await SimulatedFleet.StartAsync(new SimulatedFleetOptions
        {
            Root = Path.Combine(root, "stores"),
            Stores = LabelSpread.Default.Stores(options.Stores),
            RepositoryUrl = repository.Url,
            RolloutDelay = options.RolloutDelay,
            HealthTimeout = options.HealthTimeout,
            BrokerCa = hub.CaPath,
        }, hub.Client, new IPEndPoint(IPAddress.Loopback, hub.TlsPort), stop);
        output.WriteLine($"stores: {fleet.Stores.Count} agents started, each with its own emulated cluster, verifying the hub over mqtts with its CA");
        // A store's Connected event names the broker address it was given, which is its link's port, not 8883: say why.
        output.WriteLine($"links: each store reaches the broker on 127.0.0.1:{hub.TlsPort} through a TCP proxy of its own on 127.0.0.1 " +
            "(its WAN link, which the simulator can cut); that proxy's port is the broker address its agent was given");
        PrintTryThis(hub, repository, token, Path.Combine(root, "stores"));

        await ReportChangesAsync(hub.Client, stop);
        output.WriteLine("stopping: agents publish offline, the hub saves its state...");
        return 0;
    }

    private void PrintTryThis(InProcessHub hub, GitRepo repository, string token, string stores)
    {
        // Absolute, so the commands work from the working copy as well as from the checkout.
        var cli = $"dotnet run --project {Path.Combine(CheckoutRoot(), "hub", "FleetOps.Cli")} --";
        var bump = string.Join(Environment.NewLine + "  ", DemoBump.Commands());
        output.WriteLine($"""

            In another terminal:
              export FLEETOPS_HUB={hub.ApiAddress.ToString().TrimEnd('/')}
              export FLEETOPS_TOKEN={token}
              {cli} status
              {cli} clusters --group pos-east
              {cli} cluster store-0001
              {cli} history store-0001
              kubectl --kubeconfig {Path.Combine(stores, LabelSpread.IdFor(1), "kubeconfig")} get deployments -A

            Roll out a change: it reaches the east canaries first, then half the other east stores, then all
            (the hub polls every {options.PollInterval.TotalSeconds:0}s, or run `{cli} refresh`):
              cd {repository.Path}
              {bump}
              {cli} rollout status pos-east
              {cli} wait --group pos-east --revision $(git rev-parse HEAD) --timeout 5m

            A bad release (restart with --health-timeout 00:00:15 to see it in seconds): mark the POS API
            never ready (annotate it with {KubeEmulator.EmulatorAnnotations.NeverReady}: "true" in
            apps/pos/overlays/east/api-patch.yaml) and commit; the canaries go Degraded, the rollout halts
            and no other store gets it. `{cli} rollout abort pos-east` puts the canaries back.

            Ctrl-C stops the demo; rerunning it keeps the working copy and the fleet's history.

            """);
    }

    private static string CheckoutRoot() => Path.GetDirectoryName(BundledFleetConfig.Locate())!;

    private async Task ReportChangesAsync(HubClient client, CancellationToken stop)
    {
        string? last = null;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            do
            {
                var line = await SummaryAsync(client, stop);
                if (line != last)
                    output.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
                last = line;
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<string> SummaryAsync(HubClient client, CancellationToken stop)
    {
        FleetView fleet;
        try
        {
            fleet = await client.GetFleetAsync(stop);
        }
        catch (CliException e)
        {
            return $"hub not answering: {e.Message}";
        }
        return DemoSummary.Line(fleet);
    }

    // One admin token per demo folder, so the exported FLEETOPS_TOKEN keeps working across restarts.
    private static string AdminToken(string root)
    {
        var path = Path.Combine(root, "admin-token");
        if (File.Exists(path))
            return File.ReadAllText(path).Trim();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, token);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return token;
    }
}
