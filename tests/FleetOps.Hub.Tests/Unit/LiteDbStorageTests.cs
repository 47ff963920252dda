using FleetOps.Hub.Hosting;
using FleetOps.Hub.Storage;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace FleetOps.Hub.Tests.Unit;

/// <summary>The hub's LiteDB file: grain state with optimistic concurrency, and the bounded journal.</summary>
public sealed class LiteDbStorageTests : IDisposable
{
    private readonly TempDir folder = new();
    private readonly HubDatabase database;

    public LiteDbStorageTests() => database = new HubDatabase(Options.Create(new HubOptions { DataDir = folder.Path, HistoryLimit = 1000 }));

    public void Dispose()
    {
        database.Dispose();
        folder.Dispose();
    }

    [Fact]
    public void EveryCollectionExistsAsSoonAsTheFileIsOpened()
    {
        // Reads racing the transaction that creates a collection fail inside LiteDB (issue #2792).
        var names = database.Database.GetCollectionNames().ToList();

        Assert.All(HubDatabase.Collections, name => Assert.Contains(name, names));
    }

    [Fact]
    public async Task GrainStateRoundTripsAndAStaleETagIsRefused()
    {
        var storage = new LiteDbGrainStorage(database, new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());
        var id = GrainId.Create("test", "one");
        var first = new GrainState<List<string>> { State = ["a"] };
        await storage.WriteStateAsync("s", id, first);

        var read = new GrainState<List<string>>();
        await storage.ReadStateAsync("s", id, read);
        Assert.True(read.RecordExists);
        Assert.Equal(["a"], read.State);

        read.State!.Add("b");
        await storage.WriteStateAsync("s", id, read);
        first.State.Add("stale");
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", id, first));

        var again = new GrainState<List<string>>();
        await storage.ReadStateAsync("s", id, again);
        Assert.Equal(["a", "b"], again.State);
    }

    [Fact]
    public async Task AWriteRolledBackWithItsBatchDoesNotLockTheGrainOut()
    {
        var storage = new LiteDbGrainStorage(database, new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());
        var id = GrainId.Create("test", "rolled-back");
        var grain = new GrainState<List<string>> { State = ["a"] };
        await storage.WriteStateAsync("s", id, grain);

        // Hold the writer so the grain's write and a failing one land in the same batch, which rolls back whole.
        using var held = new ManualResetEventSlim();
        using var hold = new ManualResetEventSlim();
        var holding = database.WriteAsync(_ =>
        {
            held.Set();
            return hold.Wait(TimeSpan.FromSeconds(30));
        });
        Assert.True(held.Wait(TimeSpan.FromSeconds(30)), "the writer took the holding write");
        grain.State.Add("b");
        var rolledBack = storage.WriteStateAsync("s", id, grain);
        var failing = database.WriteAsync<int>(_ => throw new LiteDB.LiteException(0, "the disk said no"));
        hold.Set();
        await holding;
        await Assert.ThrowsAsync<LiteDB.LiteException>(() => failing);
        await Assert.ThrowsAsync<LiteDB.LiteException>(() => rolledBack);

        await storage.WriteStateAsync("s", id, grain);

        var read = new GrainState<List<string>>();
        await storage.ReadStateAsync("s", id, read);
        Assert.Equal(["a", "b"], read.State);
    }

    [Fact]
    public async Task TheJournalKeepsOnlyTheNewestEventsPerClusterAndNeverMixesClusters()
    {
        var journal = new LiteDbJournalStore(database, Options.Create(new HubOptions { HistoryLimit = 1000 }));
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var batch = 0; batch < 30; batch++)
            await journal.AppendAsync("store-a", Enumerable.Range(batch * 100 + 1, 100).Select(i => new JournalEvent(i, at.AddSeconds(i), "Applied")).ToList(), at);
        await journal.AppendAsync("store-ab", [new JournalEvent(1, at, "Applied")], at);

        var all = (await journal.QueryAsync("store-a", null, null, 0, 10_000)).Select(e => e.Event).ToList();
        Assert.InRange(all.Count, 1000, 1000 + 500);
        Assert.Equal(3000, all[^1].Seq);
        Assert.Equal(Enumerable.Range((int)all[0].Seq, all.Count).Select(i => (long)i), all.Select(e => e.Seq));
        Assert.Equal([2999L, 3000], (await journal.LatestAsync("store-a", 2)).Select(e => e.Event.Seq));
        Assert.Single(await journal.QueryAsync("store-ab", null, null, 0, 100));
    }

    [Fact]
    public async Task TheJournalKeepsTheHubsReceiveTimeAndPagesBySeqWhateverTheStoresTimesSay()
    {
        var journal = new LiteDbJournalStore(database, Options.Create(new HubOptions { HistoryLimit = 1000 }));
        var at = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        // The store's clock stepped back an hour after seq 2.
        await journal.AppendAsync("store-c", [new JournalEvent(1, at, "A"), new JournalEvent(2, at.AddMinutes(1), "B")], at.AddMinutes(1));
        await journal.AppendAsync("store-c", [new JournalEvent(3, at.AddHours(-1), "C"), new JournalEvent(4, at.AddHours(-1).AddMinutes(1), "D")], at.AddMinutes(3));

        var page = await journal.QueryAsync("store-c", null, null, 2, 10);

        Assert.Equal([3L, 4L], page.Select(e => e.Event.Seq));
        Assert.All(page, e => Assert.Equal(at.AddMinutes(3), e.ReceivedAt));
    }
}
