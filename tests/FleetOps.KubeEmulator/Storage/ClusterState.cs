using System.Globalization;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Selectors;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Simulation;
using FleetOps.KubeEmulator.Validation;
using FleetOps.KubeEmulator.Writes;

namespace FleetOps.KubeEmulator.Storage;

/// <summary>
/// One emulated cluster: its objects and the API verbs over them, each one atomic under the cluster lock and run
/// after the simulated controller work that has come due. The verbs delegate: writes to <see cref="WriteVerbs"/>,
/// deletes to <see cref="ObjectDeleter"/>, lists to <see cref="ObjectQuery"/>, controller work to
/// <see cref="SimulatedControllers"/>. Results leave as serialized bytes so no JSON node escapes the lock.
/// </summary>
internal sealed class ClusterState
{
    private readonly Lock gate = new();
    private readonly WatchHub watches;
    private readonly ObjectStore store;
    private readonly SimulatedControllers controllers;
    private readonly ObjectDeleter deleter;
    private readonly WriteVerbs writes;
    private readonly ScaleVerbs scales;

    public ClusterState(string name, KubeEmulatorOptions options, WakeScheduler scheduler)
    {
        Name = name;
        watches = new WatchHub(options.WatchHistory);
        store = new ObjectStore(watches);
        Log = new RequestLog(options.RequestLogCapacity);
        Nodes = Math.Max(1, options.NodeCount);
        controllers = new SimulatedControllers(store, Catalog, options.TimeProvider, scheduler, Nodes, RunDue)
        {
            RolloutDelay = options.RolloutDelay,
            NamespaceFinalizationDelay = options.NamespaceFinalizationDelay,
        };
        deleter = new ObjectDeleter(controllers.Lifecycle);
        var writer = new ObjectWriter(store, Catalog, controllers, deleter, options.TimeProvider);
        writes = new WriteVerbs(store, writer, options.TimeProvider);
        scales = new ScaleVerbs(store, writer);
        lock (gate)
            ClusterSeeder.SeedCluster(writer);
    }

    public string Name { get; }

    public ResourceCatalog Catalog { get; } = new();

    public RequestLog Log { get; }

    public TimeSpan RolloutDelay
    {
        get => controllers.RolloutDelay;
        set => controllers.RolloutDelay = value;
    }

    public TimeSpan NamespaceFinalizationDelay
    {
        get => controllers.NamespaceFinalizationDelay;
        set => controllers.NamespaceFinalizationDelay = value;
    }

    public int Nodes { get; }

    public long ResourceVersion
    {
        get
        {
            lock (gate)
                return store.ResourceVersion;
        }
    }

    public int ObjectCount
    {
        get
        {
            lock (gate)
                return store.Count;
        }
    }

    public ApiResult Get(ResourceType type, string ns, string name)
    {
        lock (gate)
        {
            RunDue();
            var obj = store.Find(type, ns, name) ?? throw ApiErrors.NotFound(type, name);
            return new ApiResult(200, Wire.Object(obj, type.ApiVersion));
        }
    }

    public ApiResult List(ResourceType type, string? ns, LabelSelector labels, FieldSelector fields, int limit, string? continueToken)
    {
        lock (gate)
        {
            RunDue();
            return ObjectQuery.List(store, type, ns, labels, fields, limit, continueToken);
        }
    }

    public ApiResult Create(ResourceType type, string ns, JsonObject body, WriteOptions options)
    {
        lock (gate)
        {
            RunDue();
            var result = writes.Create(type, ns, body, options);
            RunDue();
            return new ApiResult(201, Wire.Object(result, type.ApiVersion), SchemaGate.Warnings(store, type, result, options, null));
        }
    }

    public ApiResult Update(ResourceType type, string ns, string name, JsonObject body, WriteOptions options, string? subresource)
    {
        lock (gate)
        {
            RunDue();
            var result = writes.Update(type, ns, name, body, options, subresource);
            RunDue();
            return new ApiResult(200, Wire.Object(result, type.ApiVersion), SchemaGate.Warnings(store, type, result, options, subresource));
        }
    }

    public ApiResult Patch(ResourceType type, string ns, string name, PatchKind kind, JsonNode? patch, WriteOptions options, string? subresource)
    {
        lock (gate)
        {
            RunDue();
            var (result, created) = writes.Patch(type, ns, name, kind, patch, options, subresource);
            RunDue();
            return new ApiResult(created ? 201 : 200, Wire.Object(result, type.ApiVersion), SchemaGate.Warnings(store, type, result, options, subresource));
        }
    }

    public ApiResult GetScale(ResourceType type, string ns, string name)
    {
        lock (gate)
        {
            RunDue();
            return new ApiResult(200, Wire.Object(scales.Read(type, ns, name)));
        }
    }

    public ApiResult UpdateScale(ResourceType type, string ns, string name, JsonObject scale, WriteOptions options)
    {
        lock (gate)
        {
            RunDue();
            var result = scales.Update(type, ns, name, scale, options);
            RunDue();
            return new ApiResult(200, Wire.Object(result));
        }
    }

    public ApiResult PatchScale(ResourceType type, string ns, string name, PatchKind kind, JsonNode? patch, WriteOptions options)
    {
        lock (gate)
        {
            RunDue();
            var result = scales.Patch(type, ns, name, kind, patch, options);
            RunDue();
            return new ApiResult(200, Wire.Object(result));
        }
    }

    public ApiResult Delete(ResourceType type, string ns, string name, DeleteOptions options)
    {
        lock (gate)
        {
            RunDue();
            var obj = store.Find(type, ns, name) ?? throw ApiErrors.NotFound(type, name);
            var result = deleter.Delete(type, obj, options);
            RunDue();
            return result;
        }
    }

    public ApiResult DeleteCollection(ResourceType type, string? ns, LabelSelector labels, FieldSelector fields, DeleteOptions options)
    {
        lock (gate)
        {
            RunDue();
            var doomed = ObjectQuery.Matching(store, type, ns, labels, fields).Select(o => o.Object).ToList();
            foreach (var obj in doomed)
                deleter.Delete(type, obj, options);

            RunDue();
            var rv = store.ResourceVersion.ToString(CultureInfo.InvariantCulture);
            return new ApiResult(200, Wire.List(type.Kind + "List", type.ApiVersion, rv, null, null, doomed));
        }
    }

    /// <summary>Opens a watch; events from <paramref name="resourceVersion"/> on (or the current objects) are queued at once.</summary>
    public Watcher Watch(ResourceType type, string? ns, LabelSelector labels, FieldSelector fields, string? resourceVersion)
    {
        lock (gate)
        {
            RunDue();
            var watcher = new Watcher(type, ns, labels, fields);
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var (_, obj) in store.Scan(type, ns))
                {
                    watcher.Offer(new WatchEvent("ADDED", type.StoreKey, (string?)obj["metadata"]?["namespace"] ?? "", obj, store.ResourceVersion));
                }

                watches.Subscribe(watcher, null);
            }
            else
            {
                var since = long.TryParse(resourceVersion, CultureInfo.InvariantCulture, out var rv)
                    ? rv
                    : throw ApiErrors.BadRequest($"invalid resource version \"{resourceVersion}\"");
                watches.Subscribe(watcher, since);
            }

            return watcher;
        }
    }

    public void Unwatch(Watcher watcher)
    {
        lock (gate)
            watches.Unsubscribe(watcher);
    }

    public void CloseWatches()
    {
        lock (gate)
            watches.CloseAll();
    }

    /// <summary>A copy of a stored object, for tests; null when absent.</summary>
    public JsonObject? Snapshot(ResourceType type, string ns, string name)
    {
        lock (gate)
        {
            RunDue();
            // Serialized and parsed rather than cloned, so every value reads back like parsed JSON (casts work).
            return store.Find(type, ns, name) is { } obj ? JsonNode.Parse(Wire.Object(obj, type.ApiVersion))!.AsObject() : null;
        }
    }

    public List<JsonObject> SnapshotAll(ResourceType type, string? ns)
    {
        lock (gate)
        {
            RunDue();
            return store.Scan(type, ns).Select(o => JsonNode.Parse(Wire.Object(o.Object, type.ApiVersion))!.AsObject()).ToList();
        }
    }

    public ResourceType? FindKind(string apiVersion, string kind)
    {
        lock (gate)
        {
            RunDue();
            return Catalog.FindByKind(apiVersion, kind);
        }
    }

    /// <summary>Runs the simulated controller steps that have come due.</summary>
    public void RunDue()
    {
        lock (gate)
            controllers.RunDue();
    }
}
