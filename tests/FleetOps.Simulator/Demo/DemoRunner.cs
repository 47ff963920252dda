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
            PollInterval = options.PollInterval,
            // The demo prints its own progress; the hub only speaks up when something is wrong.
            MinimumLogLevel = LogLevel.Warning,
        }, stop);
        output.WriteLine($"hub: API {hub.ApiAddress}, embedded MQTT broker on port {hub.MqttPort}");

        await using var fleet = await SimulatedFleet.StartAsync(new SimulatedFleetOptions
        {
            Root = Path.Combine(root, "stores"),
            Stores = LabelSpread.Default.Stores(options.Stores),
            RolloutDelay = options.RolloutDelay,
        }, hub.Client, new IPEndPoint(IPAddress.Loopback, hub.MqttPort), stop);
        output.WriteLine($"stores: {fleet.Stores.Count} agents started, each with its own emulated cluster");
        PrintTryThis(hub, repository, token);

        await ReportChangesAsync(hub.Client, stop);
        output.WriteLine("stopping: agents publish offline, the hub saves its state...");
        return 0;
    }

    private void PrintTryThis(InProcessHub hub, GitRepo repository, string token)
    {
        var cli = "dotnet run --project hub/FleetOps.Cli --";
        output.WriteLine($"""

            In another terminal, from the checkout:
              export FLEETOPS_HUB={hub.ApiAddress.ToString().TrimEnd('/')}
              export FLEETOPS_TOKEN={token}
              {cli} status
              {cli} clusters --group pos-east
              {cli} cluster store-0001
              {cli} history store-0001

            Roll out a change (the hub polls every {options.PollInterval.TotalSeconds:0}s, or run `{cli} refresh`):
              cd {repository.Path}
              sed -i 's/newTag: "2.14.0"/newTag: "2.14.1"/' apps/pos/overlays/east/kustomization.yaml
              git commit -am "POS 2.14.1 for the east region"
              {cli} wait --group pos-east --timeout 2m

            Ctrl-C stops the demo; rerunning it keeps the working copy and the fleet's history.

            """);
    }

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
        var c = fleet.Clusters;
        var commit = fleet.Commit is null ? "no commit yet" : $"commit {Revisions.Short(fleet.Commit.Sha)} \"{fleet.Commit.Subject}\"";
        var errors = fleet.Errors.Count == 0 ? "" : $" · {fleet.Errors.Count} error(s): {fleet.Errors[0].Message}";
        return $"{c.Converged}/{c.Total} converged, {c.Progressing + c.Pending} progressing, {c.Degraded} degraded, {c.Failed} failed, {c.Offline} offline, {c.Unknown} unknown · {commit}{errors}";
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
