using FleetOps.Hub.Hosting;
using FleetOps.Hub.Storage;
using FleetOps.Hub.Web.Reading;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FleetOps.Hub.Tests.Unit;

/// <summary>The group page's convergence curve, read from a real hub journal file.</summary>
public sealed class ConvergenceCurvesTests : IDisposable
{
    private static readonly DateTimeOffset Moved = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDir folder = new();
    private readonly HubDatabase database;
    private readonly LiteDbJournalStore journal;
    private readonly FakeTimeProvider time = new(Moved.AddMinutes(5));

    public ConvergenceCurvesTests()
    {
        database = new HubDatabase(Options.Create(new HubOptions { DataDir = folder.Path, HistoryLimit = 1000 }));
        journal = new LiteDbJournalStore(database, Options.Create(new HubOptions { HistoryLimit = 1000 }));
    }

    public void Dispose()
    {
        database.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task EachMembersFirstConvergenceAtTheTargetCountsOnceByWhenTheHubHeardIt()
    {
        await journal.AppendAsync("store-a", [
            new JournalEvent(1, Moved.AddSeconds(-100), JournalEventKinds.Converged, "pos-east", "old", "at the previous target"),
            new JournalEvent(2, Moved.AddSeconds(5), JournalEventKinds.Converged, "pos-east", "new", "first"),
            new JournalEvent(3, Moved.AddSeconds(50), JournalEventKinds.Converged, "pos-east", "new", "again after a drift")], Moved.AddSeconds(20));
        await journal.AppendAsync("store-b", [new JournalEvent(1, Moved.AddSeconds(8), JournalEventKinds.Converged, "platform", "new", "another group")], Moved.AddSeconds(8));

        var curve = await new ConvergenceCurves(journal, time).ReadAsync(Group(members: 3), default);

        Assert.NotNull(curve);
        Assert.Equal(3, curve.Members);
        Assert.Equal([(TimeSpan.FromSeconds(20), 1)], curve.Points.Select(p => (p.After, p.Converged)));
    }

    [Fact]
    public async Task ACurveIsReadAgainOnlyAfterItsKeepingTimeOrWhenTheTargetMoves()
    {
        var curves = new ConvergenceCurves(journal, time);
        await journal.AppendAsync("store-a", [new JournalEvent(1, Moved, JournalEventKinds.Converged, "pos-east", "new")], Moved);
        Assert.Single((await curves.ReadAsync(Group(members: 2), default))!.Points);

        await journal.AppendAsync("store-b", [new JournalEvent(1, Moved, JournalEventKinds.Converged, "pos-east", "new")], Moved.AddSeconds(3));
        Assert.Single((await curves.ReadAsync(Group(members: 2), default))!.Points);

        time.Advance(ConvergenceCurves.KeepFor);
        Assert.Equal(2, (await curves.ReadAsync(Group(members: 2), default))!.Points.Count);
        Assert.Empty((await curves.ReadAsync(Group(members: 2, revision: "newer"), default))!.Points);
    }

    private static GroupView Group(int members, string revision = "new") => new(
        "pos-east", "apps/pos/overlays/east", "region=east", 9,
        new GroupTarget(new CommitInfo(revision, "POS 2.15", Moved), "apps/pos/overlays/east", "sha256:d", 4, Moved),
        null, new PhaseCounts(0, members, 0, 0, 0, 0, 0));
}
