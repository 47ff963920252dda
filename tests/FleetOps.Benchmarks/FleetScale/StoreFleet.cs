using FleetOps.Cli.Client;
using FleetOps.Shared.Api;

namespace FleetOps.Benchmarks.FleetScale;

/// <summary>
/// The benchmark's stores: registered through the hub's API (each gets its own token), connected over MQTT
/// in parallel, and asked at the end what the hub still owes them.
/// </summary>
public sealed class StoreFleet(IReadOnlyList<ScaleStore> stores, WireTraffic traffic) : IAsyncDisposable
{
    public WireTraffic Traffic => traffic;

    public IReadOnlyList<ScaleStore> Stores => stores;

    public int Failing => stores.Count(s => s.Fails);

    public static async Task<StoreFleet> RegisterAndConnectAsync(HubClient api, int count, Func<int, IReadOnlyDictionary<string, string>> labels,
        Func<int, string, ScaleStoreOptions> options, int parallelism)
    {
        var traffic = new WireTraffic();
        var stores = new ScaleStore[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, cancellationToken) =>
        {
            var id = $"store-{i:D5}";
            var registration = await api.RegisterAsync(new RegisterClusterRequest(id, labels(i)), cancellationToken);
            var store = new ScaleStore(id, registration.Token, options(i, id), traffic);
            await store.ConnectAsync(cancellationToken);
            stores[i] = store;
        });
        return new StoreFleet(stores, traffic);
    }

    /// <summary>Journal events the stores sent that the hub has not acknowledged (acknowledged means stored).</summary>
    public long UnackedEvents() => stores.Sum(s => s.JournalSeq - s.AckedSeq);

    public int Connected() => stores.Count(s => s.IsConnected);

    /// <summary>Stores whose last status (revision and phase) is not what the hub's API shows for them.</summary>
    public int StatusesNotShown(IEnumerable<GroupMemberView> members)
    {
        var shown = members.ToDictionary(m => m.ClusterId, StringComparer.Ordinal);
        return stores.Count(s => !shown.TryGetValue(s.ClusterId, out var member)
            || member.Phase != s.LastReport.Phase || member.DesiredRevision != s.LastReport.Revision);
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(stores.Where(s => s is not null), new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (store, _) => await store.DisposeAsync());
    }
}
