using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Fleet;
using FleetOps.Shared.Selectors;
using FleetOps.Testing.Polling;
using Orleans.Concurrency;

namespace FleetOps.Hub.Tests.Grains;

/// <summary>
/// A group completes a rollout and tells the fleet in the background, so the next commit can reach the fleet (and
/// the fleet's word of it the group) before the news does. Each test makes the grain calls in that order by hand.
/// </summary>
public sealed class StableTargetRaceTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private static readonly DateTimeOffset When = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly RolloutPolicy Halves = new() { Waves = [50, 100] };

    private IFleetGrain Fleet => fixture.Grains.GetGrain<IFleetGrain>(IFleetGrain.Key);

    [Fact]
    public async Task AGroupKeepsTheTargetItCompletedWhenTheFleetTellsOfTheNextCommitWithAnOlderStableOne()
    {
        var group = fixture.Grains.GetGrain<IGroupGrain>("kept");
        // One member, reported by hand (no cluster grain stands behind it): converged at v1, which therefore completes.
        await group.ReportMemberAsync(new MemberReport("kept-1", "kept", Phase.Converged, Sha('3'), Sha('3'), 1, ReleasedSeq: 901));
        await group.SyncAsync(new GroupSync(Target('3', 901), Info('3'), Halves, null));
        await Eventually.UntilAsync(async () => (await group.GetRolloutAsync()).Phase == RolloutPhase.Completed, "v1 completes");
        // Released v2 and still applying it, so v2 stays under way.
        await group.ReportMemberAsync(new MemberReport("kept-1", "kept", Phase.Progressing, Sha('4'), Sha('3'), 2, ReleasedSeq: 902));

        // The fleet took v2 before it heard v1 complete, so it still knows no stable target.
        await group.SyncAsync(new GroupSync(Target('4', 902), Info('4'), Halves, null));

        var rollout = await group.GetRolloutAsync();
        Assert.Equal((RolloutPhase.Progressing, Sha('4'), Sha('3')), (rollout.Phase, rollout.Revision, rollout.StableRevision));
    }

    [Fact]
    public async Task TheFleetTakesARolloutThatCompletesAfterTheNextCommitAsStableAndTellsTheStoresThatJoinLater()
    {
        // One member that never reports holds v5's rollout open, so it completes only when this test says so.
        await JoinAsync("late-1");
        await Fleet.ApplyCommitAsync(Commit(Sha('5'), "sha256:v5"));
        var v5 = (await Fleet.GetStatusAsync()).Groups.Single(g => g.Name == "late").TargetSeq;
        await Fleet.ApplyCommitAsync(Commit(Sha('6'), "sha256:v6"));

        // The group's word that v5 completed arrives only now.
        await Fleet.MarkStableAsync("late", v5);

        Assert.Equal(Sha('5'), (await Fleet.GetStatusAsync()).Groups.Single(g => g.Name == "late").Stable?.Commit.Sha);
        // A store that joins once v6 went to the first one waits for its wave, running the stable revision meanwhile.
        await Eventually.UntilAsync(() => Revision("late-1") == Sha('6'), "the first store is released v6");
        await JoinAsync("late-2");
        await Eventually.UntilAsync(() => Revision("late-2") == Sha('5'),
            () => $"late-2, waiting for v6's second wave, is told the stable v5; it is told {Revision("late-2") ?? "nothing"}");
    }

    private async Task JoinAsync(string id)
    {
        var labels = new Dictionary<string, string> { ["app"] = "late" };
        await ClusterDirectory.For(fixture.Grains, id).RegisterAsync(id, "hash", When);
        await fixture.Grains.GetGrain<IClusterGrain>(id).InitializeAsync(labels, When);
        await fixture.Grains.GetGrain<IClusterGrain>(id).HelloAsync(new HelloMessage(1, id, "1.0", labels, null, 0, 0, When).AsImmutable());
    }

    private string? Revision(string id) => fixture.Transport.Desired(id).LastOrDefault()?.Groups.SingleOrDefault(g => g.Name == "late")?.Revision;

    private static FleetCommit Commit(string sha, string digest) => new(
        new CommitInfo(sha, $"commit {sha[..7]}", When),
        [new GroupDefinition("late", "apps/late", LabelSelector.Parse("app=late")) { Rollout = Halves }],
        [new GroupRender("late", digest, 1, null)]);

    private static TargetRef Target(char c, long seq) => new(Sha(c), "apps/kept", $"sha256:{c}", seq);

    private static CommitInfo Info(char c) => new(Sha(c), $"commit {c}", When);

    private static string Sha(char c) => new(c, 40);
}
