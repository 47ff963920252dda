using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Fleet;
using FleetOps.Shared.Selectors;
using FleetOps.Testing.Polling;
using Orleans.Concurrency;

namespace FleetOps.Hub.Tests.Grains;

/// <summary>A rollout driven by the grains alone: fleet, group and cluster grains in a test cluster, reports sent by hand.</summary>
public sealed class RolloutGrainTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private static readonly DateTimeOffset When = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Stores = ["roll-1", "roll-2", "roll-3", "roll-4"];

    private IFleetGrain Fleet => fixture.Grains.GetGrain<IFleetGrain>(IFleetGrain.Key);

    private IGroupGrain Group => fixture.Grains.GetGrain<IGroupGrain>("pos");

    [Fact]
    public async Task ATargetMoveIsReleasedHalfThenTheRestAndThenBecomesStable()
    {
        var policy = new RolloutPolicy { Waves = [50, 100] };
        await Fleet.ApplyCommitAsync(Commit(Sha('1'), "sha256:v1", policy));
        foreach (var id in Stores)
        {
            // Registered as the API registers, the shard first: the first rollout may complete (with the members known
            // by then) after a store read its snapshot and before the fleet makes v1 stable, and only its shard then
            // brings it the snapshot that does.
            await ClusterDirectory.For(fixture.Grains, id).RegisterAsync(id, "hash", When);
            var cluster = fixture.Grains.GetGrain<IClusterGrain>(id);
            await cluster.InitializeAsync(new Dictionary<string, string> { ["app"] = "pos" }, When);
            await cluster.HelloAsync(new HelloMessage(1, id, "1.0", new Dictionary<string, string> { ["app"] = "pos" }, null, 0, 0, When).AsImmutable());
        }
        // The first target has nothing stable before it: released members get it, the others nothing yet.
        await ConvergeReleasedAsync(Sha('1'));
        await Eventually.UntilAsync(async () => (await Group.GetRolloutAsync()).Phase == RolloutPhase.Completed, "the first rollout completes");
        Assert.All(Stores, id => Assert.Equal(Sha('1'), Revision(id)));

        await Fleet.ApplyCommitAsync(Commit(Sha('2'), "sha256:v2", policy));
        await Eventually.UntilAsync(() => Task.FromResult(Stores.Count(id => Revision(id) == Sha('2')) == 2), "half the stores are released v2");
        var rollout = await Group.GetRolloutAsync();
        Assert.Equal((RolloutPhase.Progressing, 0, Sha('1')), (rollout.Phase, rollout.Wave, rollout.StableRevision));
        Assert.Equal(2, rollout.Waves[0].Released);
        Assert.Equal(2, Stores.Count(id => Revision(id) == Sha('1')));

        await ConvergeReleasedAsync(Sha('2'));
        await Eventually.UntilAsync(async () => (await Group.GetRolloutAsync()).Phase == RolloutPhase.Completed, "the second rollout completes");
        Assert.All(Stores, id => Assert.Equal(Sha('2'), Revision(id)));
        var history = await Group.GetHistoryAsync();
        Assert.Contains(history, e => e.Kind == RolloutEventKinds.WaveReleased && e.Revision == Sha('2'));
        // The group tells the fleet after it completes, in the background: the fleet's stable target follows shortly.
        await Eventually.UntilAsync(async () => (await Fleet.GetStatusAsync()).Groups.Single(g => g.Name == "pos").Stable?.Commit.Sha == Sha('2'),
            "the fleet makes v2 the stable revision");
    }

    [Fact]
    public async Task AGroupNewInACommitRollsOutFromItsFirstWaveToMembersThatAlreadyExist()
    {
        var ids = new[] { "new-1", "new-2", "new-3", "new-4" };
        await Fleet.ApplyCommitAsync(new FleetCommit(new CommitInfo(Sha('5'), "no menu yet", When), [], []));
        foreach (var id in ids)
        {
            // Registered as the API registers: the shard first, so the shard brings it every snapshot.
            await ClusterDirectory.For(fixture.Grains, id).RegisterAsync(id, "hash", When);
            await fixture.Grains.GetGrain<IClusterGrain>(id).InitializeAsync(new Dictionary<string, string> { ["app"] = "menu" }, When);
            await fixture.Grains.GetGrain<IClusterGrain>(id).HelloAsync(new HelloMessage(1, id, "1.0", new Dictionary<string, string> { ["app"] = "menu" }, null, 0, 0, When).AsImmutable());
        }

        await Fleet.ApplyCommitAsync(new FleetCommit(new CommitInfo(Sha('6'), "menu boards, half first", When),
            [new GroupDefinition("menu", "apps/menu", LabelSelector.Parse("app=menu")) { Rollout = new RolloutPolicy { Waves = [50, 100] } }],
            [new GroupRender("menu", "sha256:menu", 1, null)]));

        var menu = fixture.Grains.GetGrain<IGroupGrain>("menu");
        await Eventually.UntilAsync(async () => (await menu.GetRolloutAsync()).Waves.FirstOrDefault()?.Released == 2,
            () => $"the first wave releases half the members; the rollout: {System.Text.Json.JsonSerializer.Serialize(menu.GetRolloutAsync().Result)}");
        var rollout = await menu.GetRolloutAsync();
        Assert.Equal((RolloutPhase.Progressing, 4), (rollout.Phase, rollout.Members));
        // The book releases before the clusters publish: wait for the two desired messages, then check nobody else got one.
        await Eventually.UntilAsync(() => Task.FromResult(ids.Count(id => fixture.Transport.Desired(id).LastOrDefault()?.Groups.Any(g => g.Name == "menu") == true) >= 2),
            "the released members are told");
        Assert.Equal(2, ids.Count(id => fixture.Transport.Desired(id).LastOrDefault()?.Groups.Any(g => g.Name == "menu") == true));
    }

    [Fact]
    public async Task AGroupWithoutARolloutBlockKnowsItsRecentTargetsSoAStoreCanBePinnedToOne()
    {
        await Fleet.ApplyCommitAsync(new FleetCommit(new CommitInfo(Sha('8'), "kds", When),
            [new GroupDefinition("kds", "apps/kds", LabelSelector.Parse("app=kds"))], [new GroupRender("kds", "sha256:kds", 1, null)]));

        var kds = fixture.Grains.GetGrain<IGroupGrain>("kds");
        await Eventually.UntilAsync(async () => await kds.FindTargetAsync("8888888") is not null, "the group learns its target");
        Assert.Equal((Sha('8'), "apps/kds"), ((await kds.FindTargetAsync("8888888"))!.Revision, (await kds.FindTargetAsync("8888888"))!.Path));
        Assert.Equal((RolloutPhase.Idle, Sha('8')), ((await kds.GetRolloutAsync()).Phase, (await kds.GetRolloutAsync()).StableRevision));
    }

    /// <summary>Every store told <paramref name="revision"/> reports Converged at it, until all of them are.</summary>
    private async Task ConvergeReleasedAsync(string revision)
    {
        var converged = new HashSet<string>();
        await Eventually.UntilAsync(async () =>
        {
            foreach (var id in Stores.Where(id => Revision(id) == revision && converged.Add(id)))
                await fixture.Grains.GetGrain<IClusterGrain>(id).StatusAsync(new StatusMessage(1, id, 1, When,
                    [new GroupStatus("pos", Phase.Converged, Reasons.ReconciliationSucceeded, null, revision, revision, new ResourceCounts(1, 1), [])]).AsImmutable());
            return converged.Count == Stores.Length;
        }, () => $"every store converges at {revision[..7]}; the stores are told {string.Join(", ", Stores.Select(id => $"{id}: {Revision(id)?[..7] ?? "nothing"}"))}");
    }

    private string? Revision(string id) => fixture.Transport.Desired(id).LastOrDefault()?.Groups.SingleOrDefault(g => g.Name == "pos")?.Revision;

    private static FleetCommit Commit(string sha, string digest, RolloutPolicy policy) => new(
        new CommitInfo(sha, $"commit {sha[..7]}", When),
        [new GroupDefinition("pos", "apps/pos", LabelSelector.Parse("app=pos")) { Rollout = policy }],
        [new GroupRender("pos", digest, 1, null)]);

    private static string Sha(char c) => new(c, 40);
}
