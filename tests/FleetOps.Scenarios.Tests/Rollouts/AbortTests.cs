using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Scenarios.Tests.Rollouts;

/// <summary>Rollout scenario 5c: abort sends every released store back to the stable revision and tells it why.</summary>
public sealed class AbortTests
{
    private const string Canary = "store-a1";
    private static readonly string[] Others = ["store-a2", "store-a3", "store-a4"];

    [Fact]
    public async Task AbortReturnsReleasedStoresToTheStableRevisionWithANoteInTheirJournal()
    {
        await using var fleet = await ScenarioFleet.StartAsync(new ScenarioFleetOptions
        {
            Stores = [Stores.EastCanary(Canary), .. Others.Select(Stores.East)],
            FleetYaml = FleetYaml.PosEastAtOnce(),
            RecordRequests = true,
        });
        var stable = fleet.Repository.Head;
        await fleet.WaitMembersConvergedAsync(PosEast.Group, stable, [Canary, .. Others]);
        // The canary, then half of the other three (two) are released; the last one waits behind a long bake.
        var order = ReleaseOrder.Of(Others);
        string[] released = [Canary, order[0], order[1]];

        var revision = await fleet.CommitAsync("POS 2.15.0 east", (FleetYaml.Path, FleetYaml.PosEastRollout("long-bake")), PosEast.Tag("2.15.0"));
        await fleet.WaitRolloutAsync(PosEast.Group, r => r.Revision == revision && r.Wave == 1 && r.Next?.At is not null, "the first wave completes and bakes");
        await fleet.WaitMembersConvergedAsync(PosEast.Group, revision, released);

        var aborted = await fleet.ActAsync(PosEast.Group, "abort", new RolloutAction("frank@ops"));
        Assert.Equal(RolloutPhase.Aborted, aborted.Phase);
        await fleet.WaitMembersConvergedAsync(PosEast.Group, stable, [.. released, order[2]]);
        Assert.All(released, id => Assert.Equal(PosEast.Image("2.14.0"), PosEast.ApiImage(fleet.Fleet[id])));
        RequestTrail.AssertNeverReached([fleet.Fleet[order[2]]], PosEast.Image("2.15.0"), "the aborted revision");

        var note = $"rollout of {revision[..7]} aborted by frank@ops";
        foreach (var id in released)
        {
            var journal = await fleet.WaitJournalAsync(id, e => e.Kind == JournalEventKinds.TargetReceived && e.Detail?.Contains(note, StringComparison.Ordinal) == true,
                $"{id}'s journal shows the abort note");
            var received = journal.Last(e => e.Kind == JournalEventKinds.TargetReceived);
            Assert.Contains($"{PosEast.Group}@{stable[..7]} ({note}: back to {stable[..7]})", received.Detail);
            Assert.Contains(journal, e => e.Kind == JournalEventKinds.Applied && e.Group == PosEast.Group && e.Revision == stable && e.Seq > received.Seq);
        }
        var abort = (await RolloutAudit.ReadAsync(fleet, PosEast.Group, revision)).One(RolloutEventKinds.Aborted);
        Assert.Equal("frank@ops", abort.Actor);
    }
}
