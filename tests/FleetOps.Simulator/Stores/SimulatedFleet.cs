using System.Net;
using FleetOps.Cli.Client;
using FleetOps.KubeEmulator;
using FleetOps.Shared.Api;
using FleetOps.Shared.Rendering;
using FleetOps.Testing.Network;

namespace FleetOps.Simulator.Stores;

/// <summary>
/// Many simulated stores in one process against one hub: one Kubernetes emulator serves every store's
/// cluster (each under its own path), each store has its own agent, data dir and broker link.
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private readonly KubeEmulatorServer emulator;
    private readonly Dictionary<string, SimulatedStore> stores;

    private SimulatedFleet(KubeEmulatorServer emulator, IEnumerable<SimulatedStore> stores, SharedRenderer? renders)
    {
        this.emulator = emulator;
        Renders = renders;
        this.stores = stores.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<SimulatedStore> Stores => stores.Values;

    public KubeEmulatorServer Emulator => emulator;

    /// <summary>The renderer every store shares when <see cref="SimulatedFleetOptions.ShareRenders"/> is on (its counts say how much it saved).</summary>
    public SharedRenderer? Renders { get; }

    public SimulatedStore this[string id] => stores.TryGetValue(id, out var store)
        ? store
        : throw new KeyNotFoundException($"no simulated store '{id}' (have {string.Join(", ", stores.Keys.Take(5))}...)");

    /// <summary>Registers every store with the hub, gives each an emulated cluster and a link, and starts its agent.</summary>
    public static async Task<SimulatedFleet> StartAsync(SimulatedFleetOptions options, HubClient hub, IPEndPoint broker, CancellationToken cancellationToken = default)
    {
        var emulator = new KubeEmulatorServer(new KubeEmulatorOptions
        {
            RolloutDelay = options.RolloutDelay,
            RequestLogCapacity = options.RequestLogCapacity,
            RecordBodies = options.RecordRequestBodies,
        });
        await emulator.StartAsync();
        var created = new List<SimulatedStore>();
        var renders = options.ShareRenders ? new SharedRenderer(new Renderer(RenderOptions.Default, TimeProvider.System)) : null;
        var fleet = new SimulatedFleet(emulator, [], renders);
        try
        {
            using var gate = new SemaphoreSlim(options.StartParallelism);
            var starting = options.Stores.Select(async spec =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    var token = await RegisterAsync(hub, spec, cancellationToken);
                    var store = new SimulatedStore(spec, spec.TokenOverride ?? token, emulator.Cluster(spec.Id), new TcpProxy(broker), options, renders);
                    lock (created)
                        created.Add(store);
                    await store.StartAsync(cancellationToken);
                }
                finally
                {
                    gate.Release();
                }
            });
            await Task.WhenAll(starting);
            foreach (var store in created)
                fleet.stores[store.Id] = store;
            return fleet;
        }
        catch
        {
            foreach (var store in created)
                await store.DisposeAsync();
            await emulator.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(stores.Values.Select(s => s.DisposeAsync().AsTask()));
        await emulator.DisposeAsync();
    }

    /// <summary>Registers a store and returns its token; a store registered before (by an earlier demo run) gets a fresh token instead.</summary>
    private static async Task<string> RegisterAsync(HubClient hub, StoreSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            return (await hub.RegisterAsync(new RegisterClusterRequest(spec.Id, spec.Labels), cancellationToken)).Token;
        }
        catch (HubProblemException e) when (e.Problem.Status == (int)HttpStatusCode.Conflict)
        {
            return (await hub.ReplaceTokenAsync(spec.Id, cancellationToken)).Token;
        }
    }
}
