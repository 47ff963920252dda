using System.Diagnostics;
using System.Text.RegularExpressions;
using FleetOps.Cli.Client;
using FleetOps.Shared.Api;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Polling;
using Xunit.Abstractions;

namespace FleetOps.Scenarios.Tests.ScaleOut;

/// <summary>
/// Two hub processes clustered in one PostgreSQL, sharing the agents' topics on Mosquitto, and thirty stores:
/// the work is shared, either silo answers the same, and losing one (SIGKILL) loses nothing that was acknowledged.
/// </summary>
[Collection(ScaleOutCollection.Name)]
[Trait("Category", "ScaleOut")]
public sealed partial class TwoSiloTests(ScaleOutFixture fixture, ITestOutputHelper output)
{
    private const int StoreCount = 30;
    private static readonly TimeSpan ConvergeLimit = Convergence.Limit;

    [Fact]
    public async Task ThirtyStoresConvergeOnACommitAndTheCliAndApiAnswerTheSameFromEitherSilo()
    {
        await using var cluster = await SiloCluster.StartAsync(fixture.Postgres, 2);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        await Eventually.UntilAsync(async () => await cluster.ActiveSilosAsync() == 2, "both silos are Active in the membership table");
        await a.Client.RefreshAsync(default);
        await using var fleet = await ScaleOutFleet.StartAsync(b, cluster.Broker, StoreCount);
        await Convergence.AllConvergedAsync(a, fleet, cluster.Repository.Head);

        cluster.Repository.WriteFromTestData("apps/pos/overlays/east/region.yaml", "scaleout/east-region-v2.yaml");
        var head = cluster.Repository.Commit("East: new tax rate");
        var writesBefore = await cluster.WritesAsync();
        var started = Stopwatch.GetTimestamp();
        var refreshed = await b.Client.RefreshAsync(default);

        Assert.Equal(head, refreshed.Head);
        Assert.True(refreshed.Processed);
        Assert.Equal(["pos-east"], refreshed.MovedGroups);
        await Convergence.AllConvergedAsync(b, fleet, head);
        var converged = Stopwatch.GetElapsedTime(started);
        var writesAfter = await cluster.WritesAsync();
        await Convergence.AllConvergedAsync(a, fleet, head);
        // Figures for the deploy notes' sizing (not asserted: the machine is shared).
        output.WriteLine($"two silos, {StoreCount} stores: commit to all Converged {converged.TotalSeconds:0.0} s; PostgreSQL writes meanwhile: " +
            $"grain state {writesAfter.GrainStateWrites - writesBefore.GrainStateWrites}, journal {writesAfter.JournalEvents - writesBefore.JournalEvents}");
        // The git watcher ran on one silo only: one of them took the watch, and only it processed the commits.
        Assert.Equal(1, cluster.Silos.Count(s => s.Log.Contains("now watches the fleet-config repository", StringComparison.Ordinal)));
        Assert.Equal(1, cluster.Silos.Sum(s => s.Log.Split('\n').Count(l => l.Contains($"Processed {head[..7]}", StringComparison.Ordinal))));
        await SameAnswersAsync(a, b, fleet);
    }

    [Fact]
    public async Task ASiloKilledMidRolloutLosesNothingTheOtherFinishesItAndTheKilledOneRejoins()
    {
        await using var cluster = await SiloCluster.StartAsync(fixture.Postgres, 2);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        cluster.Repository.WriteFromTestData("fleet.yaml", "scaleout/fleet-east-waves.yaml");
        cluster.Repository.Commit("pos-east rolls out in waves");
        await b.Client.RefreshAsync(default);
        await using var fleet = await ScaleOutFleet.StartAsync(a, cluster.Broker, StoreCount);
        await Convergence.AllConvergedAsync(b, fleet, cluster.Repository.Head);

        cluster.Repository.WriteFromTestData("apps/pos/overlays/east/region.yaml", "scaleout/east-region-v3.yaml");
        var head = cluster.Repository.Commit("East: another tax rate");
        await a.Client.RefreshAsync(default);
        var east = fleet.Stores.Where(s => s.Labels["region"] == "east").ToList();
        await Eventually.UntilAsync(() => east.Any(s => Released(s, head)), "the rollout's first wave is released", ConvergeLimit);
        Assert.Contains(east, s => !Released(s, head));

        await a.KillAsync();

        await Convergence.AllConvergedAsync(b, fleet, head);
        Assert.All(east, s => Assert.True(Released(s, head), $"{s.Id} got {head}"));
        await Eventually.UntilAsync(async () => (await b.Client.GetGroupAsync("pos-east", default)).Group.Rollout?.Phase == RolloutPhase.Completed,
            "pos-east's rollout completes on the surviving silo", ConvergeLimit);
        // Every event a store journaled is acknowledged and stored exactly once (the table's key would refuse a
        // second copy, so count == highest seq == what the store made says none is missing either).
        await Eventually.UntilAsync(() => fleet.Stores.All(s => s.Agent.AckedSeq == s.JournaledSeq), "every store's journal is acknowledged", ConvergeLimit);
        var stored = await cluster.StoredJournalAsync();
        Assert.All(fleet.Stores, s => Assert.Equal((s.JournaledSeq, s.JournaledSeq), stored[s.Id]));

        await a.StartAsync();
        await Eventually.UntilAsync(async () => await cluster.ActiveSilosAsync() == 2, "the restarted silo rejoins the cluster", ConvergeLimit);
        await Convergence.AllConvergedAsync(a, fleet, head);
        await SameAnswersAsync(a, b, fleet);
    }

    private static bool Released(ScaleOutStore store, string head) =>
        store.Agent.LatestDesired?.Groups.Any(g => g.Name == "pos-east" && g.Revision == head) == true;

    /// <summary>The fleet, groups and every cluster read the same from both silos, through the API and the CLI.</summary>
    private static async Task SameAnswersAsync(HubSilo a, HubSilo b, ScaleOutFleet fleet)
    {
        var (fleetA, fleetB) = (await a.Client.GetFleetAsync(default), await b.Client.GetFleetAsync(default));
        Assert.Equal(fleetA.Clusters, fleetB.Clusters);
        Assert.Equal(fleetA.Commit, fleetB.Commit);
        Assert.Equal(fleetA.Groups.Select(g => (g.Name, g.Target?.Commit.Sha, g.Members)), fleetB.Groups.Select(g => (g.Name, g.Target?.Commit.Sha, g.Members)));
        foreach (var store in fleet.Stores)
        {
            var (fromA, fromB) = (await a.Client.GetClusterAsync(store.Id, default), await b.Client.GetClusterAsync(store.Id, default));
            Assert.Equal((fromA.Phase, fromA.Generation, fromA.AckedSeq), (fromB.Phase, fromB.Generation, fromB.AckedSeq));
            Assert.Equal(fromA.Groups.Select(g => (g.Name, g.AppliedRevision, g.Phase)), fromB.Groups.Select(g => (g.Name, g.AppliedRevision, g.Phase)));
        }
        var (cliA, cliB) = (await CliAsync(a, "groups"), await CliAsync(b, "groups"));
        Assert.Equal(0, cliA.ExitCode);
        // The same table but for ages ("2s" on one, "3s" on the other, read a moment apart).
        Assert.Equal(WithoutAges(cliA.Stdout), WithoutAges(cliB.Stdout));
        var (clustersA, clustersB) = (await CliAsync(a, "clusters", "--all", "--phase", "Converged"), await CliAsync(b, "clusters", "--all", "--phase", "Converged"));
        Assert.Equal(0, clustersA.ExitCode);
        Assert.Equal(Ids(clustersA.Stdout), Ids(clustersB.Stdout));
        Assert.Equal(fleet.Stores.Count, Ids(clustersA.Stdout).Count);
    }

    private static Task<CliResult> CliAsync(HubSilo silo, params string[] args) =>
        CliRunner.RunAsync(CliRunner.Environment(variables: new Dictionary<string, string>
        {
            ["FLEETOPS_HUB"] = silo.ApiAddress.ToString(),
            ["FLEETOPS_TOKEN"] = Testing.Hub.InProcessHubOptions.TestAdminToken,
        }), args);

    private static string WithoutAges(string table) => Age().Replace(table, "AGE");

    [GeneratedRegex(@"\b\d+(s|m|h|d)\b")]
    private static partial Regex Age();

    private static List<string> Ids(string table) =>
        [.. table.Split('\n').Select(l => l.Split(' ', 2)[0]).Where(id => id.StartsWith("store-", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
}
