using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Scenarios.Tests.Rollouts;

/// <summary>Rollout scenario 6: outside store hours a store waits; when its window opens on its own clock it applies, hub or no hub.</summary>
public sealed class StoreHoursTests
{
    private const string Store = "store-t1";

    // A zone without daylight saving time, so 02:00 exists on every day the test may run.
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    [Fact]
    public async Task AStoreOutsideItsWindowWaitsAndAppliesWhenTheWindowOpensWithTheHubUnreachable()
    {
        await using var fleet = await ScenarioFleet.StartAsync(new ScenarioFleetOptions
        {
            Stores = [Stores.East(Store).Labelled("tz", "Asia.Tokyo")],
            FleetYaml = FleetYaml.PosEastAtOnce(),
        });
        var store = fleet.Fleet[Store];
        await fleet.WaitMembersConvergedAsync(PosEast.Group, fleet.Repository.Head, [Store]);
        // An hour before store hours, on the store's clock.
        store.Clock.SetWallClock(new TimeOnly(1, 0), Tokyo);

        var revision = await fleet.CommitAsync("POS 2.15.0 east, in store hours", (FleetYaml.Path, FleetYaml.PosEastRollout("store-hours")), PosEast.Tag("2.15.0"));

        await ScenarioFleet.EventuallyAsync(async () => (await fleet.GroupAsync(PosEast.Group)).Members.Single(m => m.ClusterId == Store)
            is { Phase: Phase.Pending, Reason: Reasons.OutsideWindow } m && m.DesiredRevision == revision, "the store reports Pending/OutsideWindow");
        var waiting = await fleet.RolloutAsync(PosEast.Group);
        Assert.Equal((RolloutPhase.Progressing, 1), (waiting.Phase, waiting.Waves[0].OutsideWindow));
        Assert.Equal(PosEast.Image("2.14.0"), PosEast.ApiImage(store));

        store.Link.Sever();
        await ScenarioFleet.EventuallyAsync(async () => (await fleet.GroupAsync(PosEast.Group)).Members.Single(m => m.ClusterId == Store).Phase == Phase.Offline,
            "the hub sees the store offline");
        // Three seconds before store hours: the window opens while nothing can reach the hub.
        store.Clock.SetWallClock(new TimeOnly(1, 59, 57), Tokyo);
        await ScenarioFleet.EventuallyAsync(() => Task.FromResult(PosEast.ApiImage(store) == PosEast.Image("2.15.0")), "the store applies 2.15.0 when its window opens");
        Assert.True(store.Link.IsSevered);

        store.Link.Restore();
        await fleet.WaitMembersConvergedAsync(PosEast.Group, revision, [Store]);
        var journal = await fleet.WaitJournalAsync(Store, e => e.Kind == JournalEventKinds.Converged && e.Group == PosEast.Group && e.Revision == revision,
            "the journal written offline reaches the hub");
        var kinds = journal.Where(e => e.Group == PosEast.Group && e.Revision == revision).Select(e => e.Kind).ToList();
        Assert.Equal([JournalEventKinds.OutsideWindow, JournalEventKinds.WindowOpened, JournalEventKinds.Applied, JournalEventKinds.Converged],
            kinds.Where(k => k is JournalEventKinds.OutsideWindow or JournalEventKinds.WindowOpened or JournalEventKinds.Applied or JournalEventKinds.Converged));
        // Stamped on the store's clock: the window opened at 02:00 there.
        var opened = journal.Single(e => e.Kind == JournalEventKinds.WindowOpened && e.Revision == revision);
        Assert.InRange(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(opened.At, Tokyo).DateTime), new TimeOnly(2, 0), new TimeOnly(2, 1));
        await fleet.WaitRolloutAsync(PosEast.Group, r => r.Phase == RolloutPhase.Completed, "the rollout completes");
    }
}
