using System.Text.Json;
using System.Text.RegularExpressions;
using FleetOps.Cli.Tests.Harness;
using FleetOps.Cli.Waiting;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Agents;
using FleetOps.Testing.Polling;
using static FleetOps.Cli.Tests.Harness.AgentReports;

namespace FleetOps.Cli.Tests.Changing;

/// <summary>register, refresh and a wait that polls while stores converge, on a hub these tests may change.</summary>
[Collection(ScratchFleetCollection.Name)]
public sealed partial class ChangingCommandsTests(ScratchFleet fleet)
{
    [Fact]
    public async Task RegisterPrintsTheTokenOnceWithHowToGiveItToTheAgent()
    {
        var result = await fleet.RunAsync("register", "store-reg-1", "-l", "region=test", "-l", "store=reg-1");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.StartsWith("registered store-reg-1 with labels region=test,store=reg-1\n", result.Stdout);
        var token = Token().Match(result.Stdout);
        Assert.True(token.Success, result.Stdout);
        Assert.Contains("FLEETOPS_CLUSTER_ID=store-reg-1", result.Stdout);
        Assert.Contains("FLEETOPS_TOKEN_FILE=", result.Stdout);
        Assert.Contains("FLEETOPS_SOURCE_URL=", result.Stdout);
        // The broker the hub really serves: TLS, on its TLS port, at the host agents reach (the host name by default).
        Assert.Contains($"FLEETOPS_BROKER=mqtts://{System.Net.Dns.GetHostName()}:{fleet.Hub.TlsPort}   the hub's broker, over TLS", result.Stdout);
        Assert.Contains("FLEETOPS_BROKER_CA=/etc/fleetops/broker-ca.crt   the hub's CA: fleetops broker-ca > broker-ca.crt", result.Stdout);
        Assert.Contains($"    SHA-256 {CaFingerprint()}\n", result.Stdout);
        Assert.Contains($"the broker also serves mqtt://127.0.0.1:{fleet.Hub.MqttPort}: this machine only", result.Stdout);
        Assert.Contains("FLEETOPS_LABELS=region=test,store=reg-1", result.Stdout);

        // The token printed is the cluster's MQTT password: an agent connects with it.
        var agent = new SimulatedAgent("store-reg-1", token.Groups[1].Value, "127.0.0.1", fleet.Hub.MqttPort);
        await using (agent)
            Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, await agent.ConnectAsync());
    }

    [Fact]
    public async Task RegisterAsJsonIsTheApiResponse()
    {
        var result = await fleet.RunAsync("register", "store-reg-2", "-l", "region=test", "-o", "json");

        var registered = JsonSerializer.Deserialize(result.Stdout, ApiJsonContext.Default.RegisterClusterResponse)!;
        Assert.Equal("store-reg-2", registered.Id);
        Assert.StartsWith("fot_", registered.Token);
        Assert.Equal("test", registered.Labels["region"]);
        Assert.Equal($"mqtts://{System.Net.Dns.GetHostName()}:{fleet.Hub.TlsPort}", registered.Broker!.AgentUrl);
        Assert.Equal(CaFingerprint(), registered.Broker.CaSha256);
        Assert.Equal(fleet.Hub.CaPath, registered.Broker.CaPath);
    }

    [Fact]
    public async Task BrokerCaPrintsTheHubsCaCertificateAndNothingElse()
    {
        var result = await fleet.RunAsync("broker-ca");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(await File.ReadAllTextAsync(fleet.Hub.CaPath), result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    private string CaFingerprint() => string.Join(':', System.Security.Cryptography.SHA256.HashData(
            System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(fleet.Hub.CaPath)).RawData)
        .Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task RegisteringAnIdTwiceIsAnErrorThatSaysWhatExists()
    {
        await fleet.RunAsync("register", "store-reg-3", "-l", "region=test");

        var again = await fleet.RunAsync("register", "store-reg-3", "-l", "region=test");

        Assert.Equal(ExitCodes.Error, again.ExitCode);
        Assert.Contains("cluster 'store-reg-3' is already registered", again.Stderr);
        Assert.Contains("hint: fleetops token store-reg-3 issues it a new agent token", again.Stderr);
        Assert.DoesNotContain("fot_", again.Stdout + again.Stderr);
    }

    [Fact]
    public async Task ANewTokenReplacesTheOldOneForTheAgentsNextConnect()
    {
        var first = await fleet.RunAsync("register", "store-reg-4", "-l", "region=test", "-o", "json");
        var old = JsonSerializer.Deserialize(first.Stdout, ApiJsonContext.Default.RegisterClusterResponse)!.Token;

        var result = await fleet.RunAsync("token", "store-reg-4");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.StartsWith("issued store-reg-4 a new token", result.Stdout);
        var token = Token().Match(result.Stdout).Groups[1].Value;
        Assert.NotEqual(old, token);
        await using var withOld = new SimulatedAgent("store-reg-4", old, "127.0.0.1", fleet.Hub.MqttPort);
        Assert.NotEqual(MQTTnet.MqttClientConnectResultCode.Success, await withOld.ConnectAsync());
        await using var withNew = new SimulatedAgent("store-reg-4", token, "127.0.0.1", fleet.Hub.MqttPort);
        Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, await withNew.ConnectAsync());
    }

    [Fact]
    public async Task RefreshSaysWhichGroupTargetsMoved()
    {
        fleet.Repo.Write("apps/pos/overlays/east/region.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pos-region\n  namespace: pos\ndata:\n  region: east\n  tax-rate: \"0.08\"\n");
        var head = fleet.Repo.Commit("East: new tax rate");

        var moved = await fleet.RunAsync("refresh");
        var again = await fleet.RunAsync("refresh");

        Assert.True(moved.ExitCode == ExitCodes.Ok, moved.ToString());
        Assert.Equal($"processed head {head[..7]}; group targets moved: pos-east\n", moved.Stdout);
        Assert.Equal($"head {head[..7]} was already processed; no group target moved\n", again.Stdout);
    }

    [Fact]
    public async Task WaitPollsUntilTheMembersConvergeThenExitsZero()
    {
        var labels = new Dictionary<string, string> { ["region"] = "west", ["store"] = "wait-1" };
        var first = await fleet.AddAgentAsync("store-wait-1", labels);
        var second = await fleet.AddAgentAsync("store-wait-2", new Dictionary<string, string>(labels) { ["store"] = "wait-2" });
        var target = (await fleet.Hub.Client.GetGroupAsync("pos-west", default)).Group.Target!.Commit.Sha;
        foreach (var agent in new[] { first, second })
            await agent.WaitForDesiredAsync(d => d.Groups.Any(g => g.Name == "pos-west"), "has pos-west");
        await first.ReportAsync(g => Converged(g, DateTimeOffset.UtcNow));

        var stderr = new SharedWriter();
        var stdout = new SharedWriter();
        var waiting = CliApp.RunAsync(["wait", "--group", "pos-west", "--revision", target, "--interval", "50ms", "--timeout", "60s"], stdout.Writer, stderr.Writer, fleet.Env);
        await Eventually.UntilAsync(() => stderr.Text.Contains("waiting: pos-west: 1/2 converged"), "the wait reports its progress");
        Assert.False(waiting.IsCompleted);

        await second.ReportAsync(g => Converged(g, DateTimeOffset.UtcNow));
        var code = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(code == ExitCodes.Ok, $"{stdout.Text}\n{stderr.Text}");
        Assert.StartsWith($"reached pos-west: 2/2 converged at {target[..7]}, need 2 (100%)", stdout.Text);
    }

    [Fact]
    public async Task WaitGivesUpAfterTheTimeoutAndNamesTheHoldout()
    {
        var stuck = await fleet.AddAgentAsync("store-wait-9", new Dictionary<string, string> { ["region"] = "north" });
        await stuck.WaitForDesiredAsync(d => d.Groups.Count == 1, "has platform");
        await stuck.ReportAsync(g => new GroupStatus(g.Name, Phase.Degraded, Reasons.HealthCheckFailed, "1 of 1 objects not healthy",
            g.Revision, g.Revision, new ResourceCounts(1, 0), [new UnhealthyObject("Namespace/store-platform", "Terminating")], DateTimeOffset.UtcNow));
        await Eventually.UntilAsync(async () => (await fleet.Hub.Client.GetClusterAsync("store-wait-9", default)).Phase == Phase.Degraded, "the stuck store is degraded");

        var result = await fleet.RunAsync("wait", "--group", "platform", "--timeout", "300ms", "--interval", "50ms", "-o", "json");

        Assert.Equal(ExitCodes.WaitNotMet, result.ExitCode);
        var report = JsonSerializer.Deserialize(result.Stdout, WaitJsonContext.Default.WaitReport)!;
        var holdout = Assert.Single(report.HeldBackBy, h => h.ClusterId == "store-wait-9");
        Assert.Equal((Phase.Degraded, "HealthCheckFailed"), (holdout.Phase, holdout.Reason));
        Assert.Contains("Namespace/store-platform: Terminating", holdout.Message);
        Assert.True(report.ElapsedSeconds >= 0.3, $"gave up after {report.ElapsedSeconds}s");
    }

    [GeneratedRegex(@"\n  (fot_[A-Za-z0-9_-]{40,})\n")]
    private static partial Regex Token();
}
