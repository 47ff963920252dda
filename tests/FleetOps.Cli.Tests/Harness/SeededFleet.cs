using FleetOps.Cli.Client;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Agents;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using FleetOps.Testing.Rendering;
using Microsoft.Extensions.Time.Testing;
using static FleetOps.Cli.Tests.Harness.AgentReports;

namespace FleetOps.Cli.Tests.Harness;

/// <summary>
/// A hub with a store fleet in every state an operator meets, built through the real API and real MQTT
/// messages on a clock the test owns, so every age and sha is the same on every run. Read-only for the
/// tests that use it: golden files depend on nothing changing.
/// <list type="bullet">
/// <item>commits: "Initial fleet" (4 days ago), "Bump POS to 2.15" (moves pos-east and pos-west),
/// "West: add receipt printer" (pos-west no longer renders), "Add pos-north group" (fleet.yaml path typo, refused)</item>
/// <item>12 stores: 6 converged, store-0003 degraded, store-0004 offline, store-0006 failed, store-0007
/// progressing, store-0008 never connected, store-0009 pending and stale; store-0003 was offline overnight and
/// journaled a drift correction meanwhile</item>
/// </list>
/// </summary>
public sealed class SeededFleet : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 17, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = new(2026, 11, 13, 8, 0, 0, TimeSpan.Zero);

    /// <summary>What agents are told to fetch from; fixed so it reads the same in every golden file.</summary>
    private const string AgentUrl = "https://git.example.com/platform/fleet-config.git";

    private HubScenario scenario = null!;

    /// <summary>The hub's clock: it stands still between the steps that move it, so every "now" the hub stamps is the test's.</summary>
    public FakeTimeProvider Clock { get; } = new(Start.AddMinutes(5));

    public InProcessHub Hub => scenario.Hub;

    public string Initial { get; private set; } = "";

    public string Bump { get; private set; } = "";

    public string Printer { get; private set; } = "";

    public string North { get; private set; } = "";

    /// <summary>
    /// The CLI's environment: this hub and its token from the variables, 120 columns, UTC, and a clock standing
    /// at <see cref="Now"/> (its stopwatch too): seeded waits are decided on their first look, so nothing here
    /// waits for time to pass, and "gave up after 0s" reads the same however slow the machine.
    /// </summary>
    public CliEnvironment Env => CliRunner.Environment(Hub, new FakeTimeProvider(Now));

    public Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(Env, args);

    public async Task InitializeAsync()
    {
        scenario = await HubScenario.StartAsync(firstCommitAt: Start, hub: o => o with
        {
            Time = Clock,
            // The renderer line of status reads the same on every machine.
            Settings = new Dictionary<string, string?> { ["Hub:Source:AgentUrl"] = AgentUrl, ["Hub:Source:KustomizeExecutable"] = PinnedKubectl.Path },
        });
        var repo = scenario.Repository;
        Initial = repo.Head;

        var stores = await RegisterStoresAsync();
        await FirstReportsAsync(stores);
        await OvernightAsync(stores);

        Bump = repo.WriteFromTestData("apps/pos/base/api.yaml", "changes/pos-2.15.yaml").Commit("Bump POS to 2.15", At("2026-11-17T09:55:00Z"));
        Clock.SetUtcNow(At("2026-11-17T09:56:00Z"));
        await Hub.Client.RefreshAsync(default);
        await RolloutReportsAsync(stores);

        Printer = repo.WriteFromTestData("apps/pos/overlays/west/kustomization.yaml", "changes/west-receipt-printer.yaml")
            .Commit("West: add receipt printer", At("2026-11-17T09:58:00Z"));
        Clock.SetUtcNow(At("2026-11-17T09:58:30Z"));
        await Hub.Client.RefreshAsync(default);

        North = repo.WriteFromTestData("fleet.yaml", "changes/fleet-add-north-typo.yaml").Commit("Add pos-north group", At("2026-11-17T09:59:00Z"));
        Clock.SetUtcNow(At("2026-11-17T09:59:20Z"));
        await Hub.Client.RefreshAsync(default);

        Clock.SetUtcNow(Now);
        await Eventually.UntilAsync(async () => Settled(await Hub.Client.GetFleetAsync(default)), "the hub's counts settle on the seeded fleet");
    }

    public async Task DisposeAsync()
    {
        if (scenario is not null)
            await scenario.DisposeAsync();
    }

    private async Task<Dictionary<string, SimulatedAgent>> RegisterStoresAsync()
    {
        Clock.SetUtcNow(Start.AddMinutes(10));
        var regions = new[] { "east", "east", "east", "east", "west", "west", "west", "west", "east", "east", "west", "west" };
        var stores = new Dictionary<string, SimulatedAgent>(StringComparer.Ordinal);
        for (var i = 0; i < regions.Length; i++)
        {
            var id = $"store-{i + 1:0000}";
            var labels = new Dictionary<string, string> { ["region"] = regions[i], ["store"] = $"{i + 1:0000}" };
            if (i is 0 or 7)
                labels["ring"] = "canary";
            // store-0008 is registered and never connects.
            var agent = await scenario.AddAgentAsync(id, labels, connect: id != "store-0008");
            if (id != "store-0008")
                stores[id] = agent;
        }
        return stores;
    }

    /// <summary>Day one: every connected store takes the initial fleet and converges.</summary>
    private async Task FirstReportsAsync(Dictionary<string, SimulatedAgent> stores)
    {
        Clock.SetUtcNow(Start.AddMinutes(12));
        var at = Start.AddMinutes(11);
        foreach (var agent in stores.Values)
        {
            await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "has platform and its region's group");
            await agent.ReportAsync(g => Converged(g, at.AddSeconds(50)), at);
        }
        await stores["store-0003"].SendJournalAsync(
            new JournalEvent(1, at, JournalEventKinds.AgentStarted, Detail: "fleetops-agent 0.1.0"),
            new JournalEvent(2, at.AddSeconds(5), JournalEventKinds.TargetReceived, Detail: "generation 1"),
            new JournalEvent(3, at.AddSeconds(20), JournalEventKinds.Applied, "platform", Initial, "1 created"),
            new JournalEvent(4, at.AddSeconds(20), JournalEventKinds.Applied, "pos-east", Initial, "2 created"),
            new JournalEvent(5, at.AddSeconds(50), JournalEventKinds.Converged, "platform", Initial),
            new JournalEvent(6, at.AddSeconds(50), JournalEventKinds.Converged, "pos-east", Initial));
        await Eventually.UntilAsync(() => stores["store-0003"].AckedSeq == 6, "store-0003's first journal is acknowledged");
        await Eventually.UntilAsync(async () => (await scenario.ClustersAsync(ClusterFilter.None with { Phase = Phase.Converged })).Total == 11, "11 stores converge on the initial fleet");
    }

    /// <summary>
    /// The night before: store-0003 loses its link, corrects a hand edit while offline and reports it all on
    /// reconnecting; store-0004 shuts down; store-0009 is last heard from at 09:40 and then goes silent.
    /// </summary>
    private async Task OvernightAsync(Dictionary<string, SimulatedAgent> stores)
    {
        Clock.SetUtcNow(At("2026-11-17T06:02:30Z"));
        await stores["store-0003"].SendJournalAsync(
            new JournalEvent(7, At("2026-11-16T22:14:03Z"), JournalEventKinds.Disconnected, Detail: "keepalive timeout"),
            new JournalEvent(8, At("2026-11-16T23:20:00Z"), JournalEventKinds.DriftCorrected, "pos-east", Initial,
                "ConfigMap/pos/pos-region: data.tax-rate edited by hand, restored"),
            new JournalEvent(9, At("2026-11-17T06:02:11Z"), JournalEventKinds.Connected, Detail: "after 7h48m offline"));
        await Eventually.UntilAsync(() => stores["store-0003"].AckedSeq == 9, "store-0003's overnight journal is acknowledged");

        Clock.SetUtcNow(At("2026-11-17T07:29:00Z"));
        var closing = stores["store-0004"];
        await closing.SendJournalAsync(new JournalEvent(1, At("2026-11-17T07:28:55Z"), JournalEventKinds.AgentStarted, Detail: "shutting down for store maintenance"));
        await Eventually.UntilAsync(() => closing.AckedSeq == 1, "store-0004's last journal is acknowledged");
        Clock.SetUtcNow(At("2026-11-17T07:30:00Z"));
        await closing.GoOfflineAsync();
        await Eventually.UntilAsync(async () => (await Hub.Client.GetClusterAsync("store-0004", default)).Phase == Phase.Offline, "store-0004 is offline");

        Clock.SetUtcNow(At("2026-11-17T09:40:00Z"));
        var silent = stores["store-0009"];
        await silent.SendJournalAsync(new JournalEvent(1, At("2026-11-17T09:39:58Z"), JournalEventKinds.DriftCorrected, "platform", Initial, "Namespace/store-platform: label restored"));
        await Eventually.UntilAsync(() => silent.AckedSeq == 1, "store-0009's journal is acknowledged");
    }

    /// <summary>"Bump POS to 2.15" rolls out: most stores converge, the rest show each way it can go wrong.</summary>
    private async Task RolloutReportsAsync(Dictionary<string, SimulatedAgent> stores)
    {
        var rolling = stores.Where(s => s.Key is not ("store-0004" or "store-0009")).Select(s => s.Value).ToList();
        foreach (var agent in rolling.Concat([stores["store-0009"]]))
            await agent.WaitForDesiredAsync(d => d.Groups.Any(g => g.Revision == Bump), "receives POS 2.15");

        Clock.SetUtcNow(At("2026-11-17T09:57:00Z"));
        var applied = At("2026-11-17T09:56:40Z");
        foreach (var agent in rolling)
        {
            await agent.ReportAsync(g => (agent.ClusterId, g.Name) switch
            {
                ("store-0003", "pos-east") => new GroupStatus(g.Name, Phase.Degraded, Reasons.HealthCheckFailed,
                    "1 of 2 objects not healthy after 5m0s", g.Revision, g.Revision, new ResourceCounts(2, 1),
                    [new UnhealthyObject("Deployment/pos/api", "0/2 replicas available: ImagePullBackOff registry.example.com/pos/api:2.15.0")],
                    At("2026-11-17T09:56:50Z")),
                ("store-0006", "pos-west") => new GroupStatus(g.Name, Phase.Failed, Reasons.ApplyFailed,
                    "dry-run failed: Deployment/pos/api: spec.template.spec.containers[0].resources.limits.memory: must be a quantity",
                    g.Revision, Initial, new ResourceCounts(2, 2), [], applied),
                ("store-0007", "pos-west") => new GroupStatus(g.Name, Phase.Progressing, Reasons.Progressing,
                    "waiting for Deployment/pos/api: 1 of 2 updated replicas available", g.Revision, g.Revision, new ResourceCounts(2, 1), [], applied),
                _ when g.Revision == Bump => Converged(g, applied),
                _ => Converged(g, Start.AddMinutes(11).AddSeconds(50)),
            }, At("2026-11-17T09:57:00Z"));
        }
        await stores["store-0003"].SendJournalAsync(
            new JournalEvent(10, At("2026-11-17T09:56:05Z"), JournalEventKinds.TargetReceived, "pos-east", Bump, "generation 2"),
            new JournalEvent(11, At("2026-11-17T09:56:20Z"), JournalEventKinds.Applied, "pos-east", Bump, "ConfigMap/pos/pos-api configured"),
            new JournalEvent(12, At("2026-11-17T09:56:50Z"), JournalEventKinds.Degraded, "pos-east", Bump, "Deployment/pos/api: 0/2 replicas available"));
        await Eventually.UntilAsync(() => stores["store-0003"].AckedSeq == 12, "store-0003's rollout journal is acknowledged");
        await Eventually.UntilAsync(async () =>
        {
            var fleet = await Hub.Client.GetFleetAsync(default);
            return fleet.Clusters == new PhaseCounts(6, 1, 1, 1, 1, 1, 1);
        }, "the rollout's phases reach the hub");
    }

    private static bool Settled(FleetView fleet) =>
        fleet.Clusters == new PhaseCounts(6, 1, 1, 1, 1, 1, 1)
        && fleet.Errors.Count == 2
        && fleet.Groups.Single(g => g.Name == "platform").Members == new PhaseCounts(10, 0, 0, 0, 0, 1, 1)
        && fleet.Groups.Single(g => g.Name == "pos-east").Members == new PhaseCounts(3, 1, 0, 1, 0, 1, 0)
        && fleet.Groups.Single(g => g.Name == "pos-west").Members == new PhaseCounts(3, 0, 1, 0, 1, 0, 1);

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
