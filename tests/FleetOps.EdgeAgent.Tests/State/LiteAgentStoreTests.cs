using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.State;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using Microsoft.Extensions.Time.Testing;

namespace FleetOps.EdgeAgent.Tests.State;

public sealed class LiteAgentStoreTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private LiteAgentStore Open(int limit = 100) => new(dir.Path, "store-1", limit, time);

    [Fact]
    public void SeqsRiseAndAreNeverReusedAfterAckAndReopen()
    {
        using (var store = Open())
        {
            Assert.Equal(1, store.Append("A").Seq);
            Assert.Equal(2, store.Append("B").Seq);
            store.Acknowledge(2);
            Assert.Equal(0, store.PendingCount);
        }
        using (var store = Open())
        {
            Assert.Equal(2, store.LastSeq);
            Assert.Equal(2, store.AckedSeq);
            Assert.Equal(3, store.Append("C").Seq);
        }
    }

    [Fact]
    public void JournalKeepsTimeRevisionAndDetail()
    {
        using var store = Open();
        time.Advance(TimeSpan.FromMinutes(3));
        store.Append(JournalEventKinds.Applied, "pos", new string('a', 40), "Deployment/pos/api configured");
        var e = Assert.Single(store.ReadJournal(0, 10));
        Assert.Equal(time.GetUtcNow(), e.At);
        Assert.Equal("pos", e.Group);
        Assert.Equal(new string('a', 40), e.Revision);
        Assert.Equal("Deployment/pos/api configured", e.Detail);
    }

    [Fact]
    public void AnEventsChangesSurviveAReopenUntilTheHubHasThem()
    {
        var change = new ObjectChange("Deployment/pos/api", "configured", [new FieldChange("image api", "r/api:2.14", "r/api:2.15")]);
        using (var store = Open())
        {
            store.Append(JournalEventKinds.Applied, "pos", new string('a', 40), "Deployment/pos/api configured: image api r/api:2.14 → 2.15", [change]);
            store.Append(JournalEventKinds.Converged, "pos", new string('a', 40));
        }

        using var reopened = Open();
        var events = reopened.ReadJournal(0, 10);

        var kept = Assert.Single(events[0].Changes!);
        Assert.Equal((change.Subject, change.Action), (kept.Subject, kept.Action));
        Assert.Equal(change.Fields, kept.Fields);
        Assert.Null(events[1].Changes);
    }

    [Fact]
    public void AcknowledgeDropsOnlyEventsUpToTheAckedSeq()
    {
        using var store = Open();
        for (var i = 0; i < 5; i++)
            store.Append("E");
        store.Acknowledge(3);
        Assert.Equal([4L, 5L], store.ReadJournal(0, 10).Select(e => e.Seq));
        Assert.Equal([5L], store.ReadJournal(4, 10).Select(e => e.Seq));
    }

    [Fact]
    public void ReachingTheBoundCompactsTheOldestIntoOneEventThatSaysHowManyAndWhen()
    {
        using var store = Open(limit: 20);
        var first = time.GetUtcNow();
        for (var i = 0; i < 45; i++)
        {
            store.Append("E", detail: $"event {i + 1}");
            time.Advance(TimeSpan.FromSeconds(1));
        }
        var events = store.ReadJournal(0, 100);
        Assert.True(events.Count <= 20, $"{events.Count} events held");
        Assert.Equal(events.Select(e => e.Seq).OrderBy(s => s), events.Select(e => e.Seq));
        var compacted = Assert.Single(events, e => e.Kind == JournalEventKinds.Compacted);
        Assert.Equal(events[0], compacted);
        var dropped = 45 - (events.Count - 1);
        Assert.StartsWith($"{dropped} events compacted (seq 1-{compacted.Seq})", compacted.Detail);
        Assert.Contains(first.ToString("O"), compacted.Detail);
        Assert.Equal(45, store.LastSeq);
    }

    [Fact]
    public void ACompactedEventNamesTheFirstSeqItStandsForSoTheHubSeesTheRunUnbroken()
    {
        using (var store = Open(limit: 20))
        {
            store.Append("E");
            store.Append("E");
            store.Acknowledge(2);
            for (var i = 0; i < 60; i++)
                store.Append("E", detail: $"event {i + 3}");
        }
        using (var store = Open(limit: 20))
        {
            var events = store.ReadJournal(0, 100);
            var compacted = Assert.Single(events, e => e.Kind == JournalEventKinds.Compacted);
            // Folded again and again, it still begins right after the ack, and the event after it continues the run.
            Assert.Equal(3, compacted.FirstSeq);
            Assert.Equal(compacted.Seq + 1, events[1].Seq);
            Assert.All(events.Skip(1), e => Assert.Null(e.FirstSeq));
        }
    }

    [Fact]
    public void DesiredStateSurvivesReopen()
    {
        var desired = new DesiredMessage(1, "store-1", 7, new SourceRef("https://git.example/fleet.git", "main"),
            [new DesiredGroup("pos", "apps/pos", new string('b', 40), "sha256:x")], 300, time.GetUtcNow());
        using (var store = Open())
            store.SaveDesired(desired);
        using (var store = Open())
        {
            var loaded = store.LoadDesired();
            Assert.NotNull(loaded);
            Assert.Equal(7, loaded.Generation);
            Assert.Equal("pos", Assert.Single(loaded.Groups).Name);
        }
    }

    [Fact]
    public void GroupRecordRoundTripsInventoryAndStatus()
    {
        var record = new GroupRecord("pos", new string('c', 40), "apps/pos",
            [new InventoryEntry(new ObjectRef("apps/v1", "Deployment", "pos", "api"), "h1"), new InventoryEntry(new ObjectRef("v1", "Namespace", null, "pos"), "h2")],
            new GroupStatus("pos", Phase.Converged, Reasons.ReconciliationSucceeded, "ok", "r", "r", new ResourceCounts(2, 2), []));
        using (var store = Open())
            store.SaveGroup(record);
        using (var store = Open())
        {
            var loaded = store.LoadGroup("pos")!;
            Assert.Equal(record.Inventory, loaded.Inventory);
            Assert.Equal(Phase.Converged, loaded.Status!.Phase);
            store.DeleteGroup("pos");
            Assert.Empty(store.LoadGroups());
        }
    }

    [Fact]
    public void AcknowledgedEventsStayReadableForTheStoresOwnHistoryUpToTheirBound()
    {
        using (var store = Open(limit: 5000))
        {
            for (var i = 0; i < LiteAgentStore.KeptHistory + 5; i++)
                store.Append(JournalEventKinds.DriftCorrected, i % 2 == 0 ? "pos" : "platform", detail: $"event {i + 1}");
            store.Acknowledge(LiteAgentStore.KeptHistory + 3);
            Assert.Equal(2, store.PendingCount);
        }
        using (var store = Open(limit: 5000))
        {
            var recent = store.ReadRecent(null, 5000);
            Assert.Equal(LiteAgentStore.KeptHistory + 2, recent.Count);
            Assert.Equal(4, recent[0].Seq);
            Assert.Equal(LiteAgentStore.KeptHistory + 5, recent[^1].Seq);
            var pos = store.ReadRecent("pos", 3);
            Assert.Equal(["event 1001", "event 1003", "event 1005"], pos.Select(e => e.Detail));
            Assert.DoesNotContain(store.ReadJournal(0, 10), e => e.Seq <= LiteAgentStore.KeptHistory + 3);
        }
    }

    [Fact]
    public void TheLastContactWithTheHubSurvivesAReopen()
    {
        using (var store = Open())
        {
            Assert.Null(store.LastContact);
            time.Advance(TimeSpan.FromMinutes(7));
            store.RecordContact();
        }
        using (var store = Open())
            Assert.Equal(time.GetUtcNow(), store.LastContact);
    }

    public void Dispose() => dir.Dispose();
}
