using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Api;

namespace FleetOps.Scenarios.Tests.Rollouts;

/// <summary>Rollout scenario 3: a failure budget of one lets the first failing store by and halts at the second, in that store's wave.</summary>
public sealed class FailureBudgetTests
{
    // Only stores with this label get a POS API that never becomes ready at the new revision.
    private const string FaultLabel = "pos-never-ready";

    [Fact]
    public async Task TheSecondFailingStoreHaltsTheRolloutInItsWaveAndLaterWavesReleaseNobody()
    {
        var ids = Enumerable.Range(1, 20).Select(i => $"store-b{i:D2}").ToList();
        // Twenty stores: waves of five, five and ten. One failing store in the first wave, one in the second.
        var order = ReleaseOrder.Of(ids);
        string[][] waves = [[.. order.Take(5)], [.. order.Skip(5).Take(5)], [.. order.Skip(10)]];
        string[] failing = [waves[0][1], waves[1][2]];
        await using var fleet = await ScenarioFleet.StartAsync(new ScenarioFleetOptions
        {
            Stores = [.. ids.Select(id => failing.Contains(id) ? Stores.East(id).Labelled(FaultLabel, "true") : Stores.East(id))],
            HealthTimeout = TimeSpan.FromSeconds(3),
            // Twenty agents on a small machine: periodic runs only as often as the scenario needs them.
            ReconcileIntervalSeconds = 5,
            FleetYaml = FleetYaml.PosEastAtOnce(),
            RecordRequests = true,
        });
        await fleet.WaitMembersConvergedAsync(PosEast.Group, fleet.Repository.Head, ids);

        var revision = await fleet.CommitAsync("POS 2.15.0 east (never ready where labelled)",
            (FleetYaml.Path, FleetYaml.PosEastRollout("failure-budget")), PosEast.Tag("2.15.0"), PosEast.Readiness($"${{cluster.labels.{FaultLabel}:=false}}"));

        var halted = await fleet.WaitRolloutAsync(PosEast.Group, r => r.Revision == revision && r.Phase == RolloutPhase.Halted, "the rollout halts");
        var audit = await RolloutAudit.ReadAsync(fleet, PosEast.Group, revision);
        // The first failure was within the budget: its wave completed and the next one opened.
        Assert.Equal(["Started", "WaveCompleted 0", "WaveReleased 1", "Halted 1"], audit.Timeline);
        var halt = audit.One(RolloutEventKinds.Halted);
        Assert.All(failing, id => Assert.Contains(id, halt.Detail));
        Assert.Equal(new RolloutBudget(1, 2), halted.Budget);
        Assert.Equal(failing.Order(StringComparer.Ordinal), halted.Failing.Select(m => m.ClusterId).Order(StringComparer.Ordinal));
        Assert.Equal([(5, 1), (5, 1), (0, 0)], halted.Waves.Select(w => (w.Released, w.Failed)));

        // The last wave's stores have all reconciled since a wrong hub would have released them (after the second wave's bake).
        var chance = halt.At + TimeSpan.FromSeconds(1 + 2);
        var last = waves[2].Select(id => fleet.Fleet[id]).ToList();
        await ScenarioFleet.EventuallyAsync(() => Task.FromResult(last.All(store => RequestTrail.ServedSince(store, chance))),
            "the last wave's agents reconcile after the second wave's bake would have ended");
        Assert.Equal(RolloutPhase.Halted, (await fleet.RolloutAsync(PosEast.Group)).Phase);
        RequestTrail.AssertNeverReached(last, PosEast.Image("2.15.0"), "the halted revision");
        foreach (var id in waves[0].Concat(waves[1]))
            Assert.NotNull(RequestTrail.FirstWrite(fleet.Fleet[id], PosEast.Image("2.15.0")));
    }
}
