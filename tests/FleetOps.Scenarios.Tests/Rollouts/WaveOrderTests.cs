using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Scenarios.Tests.Rollouts;

/// <summary>Rollout scenario 2: waves go in order, each baked before the next, and maxConcurrent is never exceeded.</summary>
public sealed class WaveOrderTests
{
    // As in testdata/rollouts/waves-with-bake.yaml: after the canary wave, then after each later wave.
    private static readonly TimeSpan[] Bakes = [TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2)];
    private const int MaxConcurrent = 2;

    [Fact]
    public async Task WavesAreReleasedInOrderAfterEachBakeAndNoMoreThanMaxConcurrentStoresApplyAtOnce()
    {
        var ids = Enumerable.Range(1, 6).Select(i => $"store-v{i}").ToList();
        // Release order: one canary, then 60% of the other five (three: more than maxConcurrent), then the last two.
        var order = ReleaseOrder.Of(ids);
        string[][] waves = [[order[0]], [.. order.Skip(1).Take(3)], [.. order.Skip(4)]];
        // Workloads take a while to become ready, so that stores released together would be seen applying together.
        await using var fleet = await ScenarioFleet.StartAsync(new ScenarioFleetOptions
        {
            Stores = [.. ids.Select(Stores.East)],
            RolloutDelay = TimeSpan.FromSeconds(1),
            FleetYaml = FleetYaml.PosEastAtOnce(),
            RecordRequests = true,
        });
        await fleet.WaitMembersConvergedAsync(PosEast.Group, fleet.Repository.Head, ids);

        var revision = await fleet.CommitAsync("POS 2.15.0 east in waves", (FleetYaml.Path, FleetYaml.PosEastRollout("waves-with-bake")), PosEast.Tag("2.15.0"));
        await fleet.WaitRolloutAsync(PosEast.Group, r => r.Revision == revision && r.Phase == RolloutPhase.Completed, "the rollout completes");
        await fleet.WaitMembersConvergedAsync(PosEast.Group, revision, ids);

        var audit = await RolloutAudit.ReadAsync(fleet, PosEast.Group, revision);
        Assert.Equal(["Started", "WaveCompleted 0", "WaveReleased 1", "WaveCompleted 1", "WaveReleased 2", "Completed"], audit.Timeline);
        Assert.True(audit.Events.Zip(audit.Events.Skip(1)).All(p => p.First.At <= p.Second.At), $"the audit is out of time order: {audit}");
        var opened = new[] { audit.One(RolloutEventKinds.Started).At, audit.One(RolloutEventKinds.WaveReleased, 1).At, audit.One(RolloutEventKinds.WaveReleased, 2).At };
        var done = new[] { audit.One(RolloutEventKinds.WaveCompleted, 0).At, audit.One(RolloutEventKinds.WaveCompleted, 1).At, audit.One(RolloutEventKinds.Completed).At };
        for (var wave = 1; wave < waves.Length; wave++)
        {
            var bake = Bakes[Math.Min(wave - 1, 1)];
            Assert.True(opened[wave] - done[wave - 1] >= bake, $"wave {wave} opened {(opened[wave] - done[wave - 1]).TotalSeconds:0.000}s after wave {wave - 1} completed, inside its bake of {bake}: {audit}");
        }

        // Each store applied from when its wave opened and had converged when its wave completed. The agent sends its
        // Converged status a moment before it journals it, so the hub may note the wave complete a few milliseconds earlier.
        var journalLag = TimeSpan.FromMilliseconds(500);
        var spans = new Dictionary<string, (DateTimeOffset From, DateTimeOffset To)>();
        foreach (var id in ids)
            spans[id] = (RequestTrail.FirstWrite(fleet.Fleet[id], PosEast.Image("2.15.0")) ?? throw new InvalidOperationException($"{id} never wrote 2.15.0"),
                await ConvergedAtAsync(fleet, id, revision));
        for (var wave = 0; wave < waves.Length; wave++)
        {
            foreach (var id in waves[wave])
            {
                Assert.True(spans[id].From >= opened[wave], $"{id} (wave {wave}) wrote 2.15.0 at {spans[id].From:HH:mm:ss.fff}, before its wave opened at {opened[wave]:HH:mm:ss.fff}: {audit}");
                Assert.True(spans[id].To <= done[wave] + journalLag, $"{id} (wave {wave}) converged at {spans[id].To:HH:mm:ss.fff}, after its wave completed at {done[wave]:HH:mm:ss.fff}: {audit}");
            }
        }

        // From a store's first write of the revision to its Converged, it was applying: never more than maxConcurrent at once.
        var (most, at) = MostOverlapping(spans.Values);
        Assert.True(most <= MaxConcurrent, $"{most} stores were applying at once at {at:HH:mm:ss.fff}: " + string.Join("; ", spans.Select(s => $"{s.Key} {s.Value.From:HH:mm:ss.fff}-{s.Value.To:HH:mm:ss.fff}")));
    }

    /// <summary>When the store's agent journaled Converged at the revision (journals reach the hub on their own schedule: waited for).</summary>
    private static async Task<DateTimeOffset> ConvergedAtAsync(ScenarioFleet fleet, string id, string revision)
    {
        var journal = await fleet.WaitJournalAsync(id, e => e.Kind == JournalEventKinds.Converged && e.Group == PosEast.Group && e.Revision == revision,
            $"{id}'s journal shows it converged at {revision[..7]}");
        return journal.First(e => e.Kind == JournalEventKinds.Converged && e.Group == PosEast.Group && e.Revision == revision).At;
    }

    private static (int Most, DateTimeOffset At) MostOverlapping(IEnumerable<(DateTimeOffset From, DateTimeOffset To)> spans)
    {
        // An end sorts before a start at the same instant: a store that converged has stopped applying.
        var edges = spans.SelectMany(s => new[] { (At: s.From, Delta: +1), (At: s.To, Delta: -1) }).OrderBy(e => e.At).ThenBy(e => e.Delta);
        var (current, most, when) = (0, 0, DateTimeOffset.MinValue);
        foreach (var (instant, delta) in edges)
        {
            current += delta;
            if (current > most)
                (most, when) = (current, instant);
        }
        return (most, when);
    }
}
