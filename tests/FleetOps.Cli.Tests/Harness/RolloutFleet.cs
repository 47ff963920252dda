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
/// A hub of its own for one rollout test, on a clock the test owns, so every time and sha it shows is the same
/// on every run. Four east and four west stores converge on the initial fleet; then fleet.yaml gains rollout
/// blocks (testdata/changes/fleet-rollouts.yaml: pos-east with a canary, manual approval and two baked waves,
/// pos-west with two waves and no bake), which moves no target. <see cref="BumpAsync"/> changes a group's
/// content, so its target moves and a rollout starts; the stand-in agents then report at the revision each is
/// told, and the rollout moves on their reports (and on the clock, for bakes).
/// </summary>
public sealed class RolloutFleet : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public static readonly string[] East = ["store-e1", "store-e2", "store-e3", "store-e4"];
    public static readonly string[] West = ["store-w1", "store-w2", "store-w3", "store-w4"];

    private readonly Dictionary<string, SimulatedAgent> agents = new(StringComparer.Ordinal);
    private HubScenario scenario = null!;

    private RolloutFleet()
    {
    }

    /// <summary>The hub's clock, and the CLI's: it stands still between the steps that move it.</summary>
    public FakeTimeProvider Clock { get; } = new(Start);

    public InProcessHub Hub => scenario.Hub;

    public string Initial { get; private set; } = "";

    /// <summary>The CLI as alice on ops-laptop (the actor the hub records), at 120 columns, on the hub's clock.</summary>
    public CliEnvironment Env
    {
        get
        {
            var env = CliRunner.Environment(Hub, Clock);
            return env with { HostName = "ops-laptop", Variables = new Dictionary<string, string>(env.Variables) { ["USER"] = "alice" } };
        }
    }

    public Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(Env, args);

    public static async Task<RolloutFleet> StartAsync()
    {
        var fleet = new RolloutFleet();
        try
        {
            await fleet.InitializeAsync();
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sets the clock, so that what the hub decides next is stamped with this time.</summary>
    public void At(string time) => Clock.SetUtcNow(Start.Date.Add(TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Commits a new tax rate for the group's region (its target moves: a rollout starts) and has the hub process it.</summary>
    public async Task<string> BumpAsync(string group)
    {
        var region = group["pos-".Length..];
        var sha = scenario.Repository.WriteFromTestData($"apps/pos/overlays/{region}/region.yaml", $"changes/{region}-tax-rate.yaml")
            .Commit($"{Capitalized(region)}: new tax rate", Clock.GetUtcNow().AddMinutes(-1));
        await Hub.Client.RefreshAsync(default);
        await UntilAsync(group, r => r.Revision == sha, $"the rollout of {sha[..7]} starts");
        return sha;
    }

    /// <summary>Waits until exactly <paramref name="count"/> of the group's stores are told <paramref name="revision"/>, and returns them.</summary>
    public async Task<IReadOnlyList<string>> ReleasedAsync(string group, string revision, int count)
    {
        var stores = group == "pos-east" ? East : West;
        IReadOnlyList<string> told = [];
        await Eventually.UntilAsync(() =>
        {
            told = stores.Where(id => Told(id, group) == revision).ToList();
            return told.Count == count;
        }, () => $"{count} stores of {group} are told {revision[..7]} (now: {string.Join(", ", told)})");
        return told;
    }

    /// <summary>The store reports every group at the revision it is told: pos-* in <paramref name="phase"/>, the rest Converged.</summary>
    public async Task ReportAsync(string id, Phase phase)
    {
        var at = Clock.GetUtcNow();
        await agents[id].ReportAsync(g => !g.Name.StartsWith("pos-", StringComparison.Ordinal) || phase == Phase.Converged ? Converged(g, at)
            : phase == Phase.Degraded ? new GroupStatus(g.Name, Phase.Degraded, Reasons.HealthCheckFailed, "1 of 2 objects not healthy after 5m0s",
                g.Revision, g.Revision, new ResourceCounts(2, 1), [new UnhealthyObject("Deployment/pos/api", "0/2 replicas available: CrashLoopBackOff")], at)
            : new GroupStatus(g.Name, phase, Reasons.Progressing, "applying", g.Revision, null, new ResourceCounts(2, 0), [], at), at);
    }

    /// <summary>Reports the stores and waits until the group's rollout has taken the reports in.</summary>
    public async Task ConvergeAsync(string group, params IEnumerable<string> ids)
    {
        foreach (var id in ids)
            await ReportAsync(id, Phase.Converged);
        var expected = ids.ToHashSet();
        await Eventually.UntilAsync(async () =>
        {
            var members = (await Hub.Client.GetGroupAsync(group, default)).Members;
            return members.Where(m => expected.Contains(m.ClusterId)).All(m => m.Phase == Phase.Converged && m.AppliedRevision == m.DesiredRevision);
        }, $"{string.Join(", ", ids)} converge in {group}");
    }

    public Task<RolloutView> RolloutAsync(string group) => Hub.Client.GetRolloutAsync(group, default);

    public Task UntilAsync(string group, Func<RolloutView, bool> condition, string what) =>
        Eventually.UntilAsync(async () => condition(await RolloutAsync(group)), $"{group}: {what}");

    public string? Told(string id, string group) => agents[id].LatestDesired?.Groups.SingleOrDefault(g => g.Name == group)?.Revision;

    public async ValueTask DisposeAsync()
    {
        if (scenario is not null)
            await scenario.DisposeAsync();
    }

    private async Task InitializeAsync()
    {
        scenario = await HubScenario.StartAsync(firstCommitAt: Start.AddDays(-1), hub: o => o with
        {
            Time = Clock,
            Settings = new Dictionary<string, string?> { ["Hub:Source:AgentUrl"] = "https://git.example.com/platform/fleet-config.git", ["Hub:Source:KustomizeExecutable"] = PinnedKubectl.Path },
        });
        Initial = scenario.Repository.Head;
        foreach (var id in East.Concat(West))
        {
            var labels = new Dictionary<string, string> { ["region"] = id.StartsWith("store-e", StringComparison.Ordinal) ? "east" : "west" };
            agents[id] = await scenario.AddAgentAsync(id, labels);
        }
        foreach (var (id, agent) in agents)
        {
            await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "has platform and its region's group");
            await ReportAsync(id, Phase.Converged);
        }
        await Eventually.UntilAsync(async () => (await Hub.Client.GetFleetAsync(default)).Clusters.Converged == agents.Count, "every store converges on the initial fleet");

        At("09:05");
        scenario.Repository.WriteFromTestData("fleet.yaml", "changes/fleet-rollouts.yaml").Commit("Roll POS out in waves", Clock.GetUtcNow());
        await Hub.Client.RefreshAsync(default);
        await Eventually.UntilAsync(async () => (await Hub.Client.GetFleetAsync(default)).Commit?.Subject == "Roll POS out in waves", "the hub takes the rollout blocks");
    }

    private static string Capitalized(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
