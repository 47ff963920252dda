using FleetOps.Hub.Hosting;
using FleetOps.Hub.Storage;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Tests.Unit;

/// <summary>The journal of every store at once, from the hub's LiteDB file: by kind, group and time, newest first, paged; diffs kept.</summary>
public sealed class FleetJournalQueryTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDir folder = new();
    private readonly HubDatabase database;
    private readonly LiteDbJournalStore journal;

    public FleetJournalQueryTests()
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
    public async Task DriftCorrectionsOfEveryStoreInTheWindowComeNewestFirstWithTheirDiffs()
    {
        var diff = new[] { new ObjectChange("ConfigMap/pos/pos-region", "configured", [new FieldChange("data.tax-rate", "0.09", "0.08")]) };
        await journal.AppendAsync("store-a", [
            new JournalEvent(1, At.AddHours(-30), JournalEventKinds.DriftCorrected, "pos-east", "r1", "too old"),
            new JournalEvent(2, At.AddHours(-2), JournalEventKinds.DriftCorrected, "pos-east", "r1", "ConfigMap/pos/pos-region configured", Changes: diff),
            new JournalEvent(3, At.AddHours(-1), JournalEventKinds.Applied, "pos-east", "r2", "applied")], At);
        await journal.AppendAsync("store-b", [
            new JournalEvent(1, At.AddMinutes(-30), JournalEventKinds.DriftCorrected, "platform", "r1", "Namespace/store-platform configured")], At);

        var found = await journal.QueryFleetAsync(new FleetEventQuery(JournalEventKinds.DriftCorrected, null, At.AddHours(-24), null, 0, 10));

        Assert.Equal([("store-b", 1L), ("store-a", 2L)], found.Select(e => (e.ClusterId, e.Event.Event.Seq)));
        var kept = Assert.Single(found[1].Event.Event.Changes!);
        Assert.Equal(("ConfigMap/pos/pos-region", "configured"), (kept.Subject, kept.Action));
        Assert.Equal(diff[0].Fields, kept.Fields);
    }

    [Fact]
    public async Task AGroupFilterAndPagesSplitTheSameOrderWithoutOverlap()
    {
        for (var store = 0; store < 3; store++)
            await journal.AppendAsync($"store-{store}", Enumerable.Range(1, 4)
                .Select(i => new JournalEvent(i, At.AddMinutes(i * 10 + store), JournalEventKinds.Applied, i % 2 == 0 ? "pos-east" : "platform", "r", "x")).ToList(), At);

        var first = await journal.QueryFleetAsync(new FleetEventQuery(null, "pos-east", At.AddDays(-1), null, 0, 4));
        var second = await journal.QueryFleetAsync(new FleetEventQuery(null, "pos-east", At.AddDays(-1), null, 4, 4));

        Assert.Equal(4, first.Count);
        Assert.Equal(2, second.Count);
        var all = first.Concat(second).ToList();
        Assert.All(all, e => Assert.Equal("pos-east", e.Event.Event.Group));
        Assert.Equal(all.OrderByDescending(e => e.Event.Event.At).Select(e => e.Event.Event.At), all.Select(e => e.Event.Event.At));
        Assert.Equal(6, all.Select(e => (e.ClusterId, e.Event.Event.Seq)).Distinct().Count());
    }

    [Fact]
    public void TheChunksAreIndexedByTheirEventsTimesAndKinds()
    {
        var indexes = database.Database.GetCollection("$indexes").Query().Where("collection = @0", LiteDbJournalStore.Collection).ToList();

        Assert.Contains(indexes, i => i["name"] == "event_at");
        Assert.Contains(indexes, i => i["name"] == "event_kind");
    }
}
