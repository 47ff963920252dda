using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Defaults;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.FieldManagement;
using FleetOps.KubeEmulator.Patching;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Selectors;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Simulation;
using FleetOps.KubeEmulator.Validation;

namespace FleetOps.KubeEmulator.Storage;

/// <summary>
/// One emulated cluster: its objects, the API verbs over them (each one atomic under the cluster lock),
/// and its simulated controllers. Results leave as serialized bytes so no JSON node escapes the lock.
/// </summary>
internal sealed class ClusterState
{
    private const string ControllerManager = "k3s";

    private static readonly ResourceType NamespaceType = BuiltInResources.Types.Single(t => t.Kind == "Namespace");
    private static readonly ResourceType CrdType = BuiltInResources.Types.Single(t => t.Kind == "CustomResourceDefinition");

    private readonly Lock gate = new();
    private readonly WatchHub watches;
    private readonly ObjectStore store;
    private readonly List<PendingWork> pending = [];
    private readonly TimeProvider time;
    private readonly WakeScheduler scheduler;
    private int nextServiceAddress = 10;
    private int nextNodePort = 30000;

    public ClusterState(string name, KubeEmulatorOptions options, WakeScheduler scheduler)
    {
        Name = name;
        time = options.TimeProvider;
        this.scheduler = scheduler;
        watches = new WatchHub(options.WatchHistory);
        store = new ObjectStore(watches);
        Log = new RequestLog(options.RequestLogCapacity);
        RolloutDelay = options.RolloutDelay;
        NamespaceFinalizationDelay = options.NamespaceFinalizationDelay;
        Nodes = Math.Max(1, options.NodeCount);
        lock (gate)
        {
            Seed();
        }
    }

    public string Name { get; }

    public ResourceCatalog Catalog { get; } = new();

    public RequestLog Log { get; }

    public TimeSpan RolloutDelay { get; set; }

    public TimeSpan NamespaceFinalizationDelay { get; set; }

    public int Nodes { get; }

    public long ResourceVersion
    {
        get
        {
            lock (gate)
            {
                return store.ResourceVersion;
            }
        }
    }

    public int ObjectCount
    {
        get
        {
            lock (gate)
            {
                return store.Count;
            }
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
            var after = DecodeContinue(continueToken);
            var matches = store.Scan(type, ns, after).Where(o => Matches(o.Object, labels, fields));
            string? next = null;
            long? remaining = null;
            List<(string Key, JsonObject Object)> items;
            if (limit > 0)
            {
                var all = matches.ToList();
                items = all.Take(limit).ToList();
                if (all.Count > limit)
                {
                    next = Convert.ToBase64String(Encoding.UTF8.GetBytes(items[^1].Key));
                    remaining = all.Count - limit;
                }
            }
            else
            {
                items = matches.ToList();
            }

            var rv = store.ResourceVersion.ToString(CultureInfo.InvariantCulture);
            return new ApiResult(200, Wire.List(type.Kind + "List", type.ApiVersion, rv, next, remaining, items.Select(i => i.Object)));
        }
    }

    public ApiResult Create(ResourceType type, string ns, JsonObject body, WriteOptions options)
    {
        lock (gate)
        {
            RunDue();
            CheckKind(type, body);
            var metadata = Metadata(body);
            ns = CheckNamespace(type, ns, metadata);
            var name = (string?)metadata["name"];
            if (string.IsNullOrEmpty(name) && (string?)metadata["generateName"] is { Length: > 0 } prefix)
            {
                name = prefix + RandomSuffix();
                metadata["name"] = name;
            }

            if (string.IsNullOrEmpty(name))
            {
                throw ApiErrors.Invalid(type, "", [FieldError.Required("metadata.name", "name or generateName is required")]);
            }

            RequireNamespace(type, ns, name);
            if (store.Find(type, ns, name) is not null)
            {
                throw ApiErrors.AlreadyExists(type, name);
            }

            metadata.Remove("managedFields");
            metadata.Remove("resourceVersion");
            var result = Commit(type, null, body, options.FieldManager, isApply: false, options.DryRun, null);
            RunDue();
            return new ApiResult(201, Wire.Object(result, type.ApiVersion));
        }
    }

    public ApiResult Update(ResourceType type, string ns, string name, JsonObject body, WriteOptions options, string? subresource)
    {
        lock (gate)
        {
            RunDue();
            CheckKind(type, body);
            var metadata = Metadata(body);
            CheckName(name, metadata);
            CheckNamespace(type, ns, metadata);
            var old = store.Find(type, ns, name) ?? throw ApiErrors.NotFound(type, name);
            CheckResourceVersion(type, name, old, metadata);
            var candidate = body;
            if (subresource == "status")
            {
                candidate = (JsonObject)old.DeepClone();
                candidate["status"] = body["status"]?.DeepClone();
            }

            var result = Commit(type, old, candidate, options.FieldManager, isApply: false, options.DryRun, subresource);
            RunDue();
            return new ApiResult(200, Wire.Object(result, type.ApiVersion));
        }
    }

    public ApiResult Patch(ResourceType type, string ns, string name, PatchKind kind, JsonNode? patch, WriteOptions options, string? subresource)
    {
        lock (gate)
        {
            RunDue();
            var old = store.Find(type, ns, name);
            var created = false;
            JsonObject result;
            if (kind == PatchKind.Apply && subresource is null)
            {
                var applied = patch as JsonObject ?? throw ApiErrors.BadRequest("apply patch must be a JSON or YAML object");
                CheckApplyKind(type, applied);
                var metadata = Metadata(applied);
                CheckName(name, metadata);
                CheckNamespace(type, ns, metadata);
                if (old is null)
                {
                    RequireNamespace(type, ns, name);
                }
                else
                {
                    CheckResourceVersion(type, name, old, metadata);
                }

                var merged = FieldManager.Apply(old, applied, options.FieldManager, options.Force, type, Now());
                var mergedMetadata = Metadata(merged);
                mergedMetadata["name"] = name;
                if (type.Namespaced)
                {
                    mergedMetadata["namespace"] = ns;
                }

                created = old is null;
                result = Commit(type, old, merged, options.FieldManager, isApply: true, options.DryRun, null);
            }
            else
            {
                if (old is null)
                {
                    throw ApiErrors.NotFound(type, name);
                }

                var patched = ApplyPatch(type, old, kind, patch);
                var metadata = Metadata(patched);
                if ((string?)metadata["name"] != name)
                {
                    throw ApiErrors.Invalid(type, name, [FieldError.Invalid("metadata.name", metadata["name"]?.DeepClone(), "field is immutable")]);
                }

                if (metadata["resourceVersion"] is null)
                {
                    metadata["resourceVersion"] = old["metadata"]!["resourceVersion"]!.DeepClone();
                }

                CheckResourceVersion(type, name, old, metadata);
                var candidate = patched;
                if (subresource == "status")
                {
                    candidate = (JsonObject)old.DeepClone();
                    candidate["status"] = patched["status"]?.DeepClone();
                }

                result = Commit(type, old, candidate, options.FieldManager, isApply: false, options.DryRun, subresource);
            }

            RunDue();
            return new ApiResult(created ? 201 : 200, Wire.Object(result, type.ApiVersion));
        }
    }

    public ApiResult Delete(ResourceType type, string ns, string name, DeleteOptions options)
    {
        lock (gate)
        {
            RunDue();
            var obj = store.Find(type, ns, name) ?? throw ApiErrors.NotFound(type, name);
            var result = DeleteObject(type, obj, options);
            RunDue();
            return result;
        }
    }

    public ApiResult DeleteCollection(ResourceType type, string? ns, LabelSelector labels, FieldSelector fields, DeleteOptions options)
    {
        lock (gate)
        {
            RunDue();
            var doomed = store.Scan(type, ns).Where(o => Matches(o.Object, labels, fields)).Select(o => o.Object).ToList();
            foreach (var obj in doomed)
            {
                DeleteObject(type, obj, options);
            }

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
        {
            watches.Unsubscribe(watcher);
        }
    }

    public void CloseWatches()
    {
        lock (gate)
        {
            watches.CloseAll();
        }
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
        {
            if (pending.Count == 0)
            {
                return;
            }

            var now = time.GetUtcNow();
            while (true)
            {
                var due = pending.Where(p => p.Due <= now).OrderBy(p => p.Due).ToList();
                if (due.Count == 0)
                {
                    return;
                }

                foreach (var work in due)
                {
                    pending.Remove(work);
                    Execute(work);
                }
            }
        }
    }

    private JsonObject Commit(ResourceType type, JsonObject? old, JsonObject candidate, string manager, bool isApply, bool dryRun, string? subresource)
    {
        var now = Now();
        candidate = (JsonObject)candidate.DeepClone();
        candidate["apiVersion"] = type.ApiVersion;
        candidate["kind"] = type.Kind;
        var metadata = Metadata(candidate);
        if (old is null)
        {
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = now;
            metadata.Remove("deletionTimestamp");
            metadata.Remove("deletionGracePeriodSeconds");
            metadata.Remove("resourceVersion");
            metadata.Remove("generation");
            if (type.HasGeneration)
            {
                metadata["generation"] = 1;
            }

            if (type.HasStatus)
            {
                candidate.Remove("status");
                InitialStatus(type, candidate);
            }
        }
        else
        {
            var oldMetadata = old["metadata"]!.AsObject();
            foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
            {
                metadata.Remove(field);
                if (oldMetadata[field] is { } value)
                {
                    metadata[field] = value.DeepClone();
                }
            }

            if (type.HasStatus && subresource != "status")
            {
                candidate["status"] = old["status"]?.DeepClone();
                if (candidate["status"] is null)
                {
                    candidate.Remove("status");
                }
            }
        }

        ObjectDefaulter.Apply(type, candidate);
        if (type.BuiltIn && type.Kind == "Service")
        {
            AssignServiceAddresses(candidate, old);
        }

        var errors = ObjectValidator.Validate(type, candidate, old);
        if (errors.Count > 0)
        {
            throw ApiErrors.Invalid(type, (string?)metadata["name"] ?? "", errors);
        }

        if (old is not null && type.HasGeneration && !JsonNode.DeepEquals(SpecView(old), SpecView(candidate)))
        {
            metadata["generation"] = (Json.Long(old["metadata"]?["generation"]) ?? 0) + 1;
        }

        if (!isApply)
        {
            FieldManager.RecordUpdate(old, candidate, manager, type, subresource, now);
        }

        candidate = Canonical(candidate);
        if (old is not null && JsonNode.DeepEquals(Comparable(old), Comparable(candidate)))
        {
            // The API server turns a write that changes nothing into a no-op: no new resourceVersion, no event.
            return old;
        }

        if (dryRun)
        {
            return candidate;
        }

        var stored = store.Put(type, candidate, created: old is null);
        AfterWrite(type, old, stored);
        return stored;
    }

    private void AfterWrite(ResourceType type, JsonObject? old, JsonObject stored)
    {
        var metadata = stored["metadata"]!.AsObject();
        var name = (string)metadata["name"]!;
        var ns = (string?)metadata["namespace"] ?? "";
        if (metadata["deletionTimestamp"] is not null && metadata["finalizers"] is not JsonArray { Count: > 0 } && !IsNamespace(type))
        {
            // The last finalizer is gone, so a pending deletion completes.
            RemoveObject(type, stored);
            return;
        }

        if (old is null && IsNamespace(type))
        {
            SeedNamespace(name);
        }

        if (StatusSimulator.IsSimulated(type)
            && (old is null || !JsonNode.DeepEquals(old["spec"], stored["spec"]) || StatusSimulator.IsNeverReady(old) != StatusSimulator.IsNeverReady(stored)))
        {
            Schedule(SimulationStep.Reconcile, type, ns, name, RolloutDelay, Generation(stored));
        }

        if (type == CrdType)
        {
            RefreshCatalog();
        }
    }

    private ApiResult DeleteObject(ResourceType type, JsonObject obj, DeleteOptions options)
    {
        var metadata = obj["metadata"]!.AsObject();
        var name = (string)metadata["name"]!;
        if (options.PreconditionUid is { } uid && uid != (string?)metadata["uid"])
        {
            throw ApiErrors.Precondition(type, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {(string?)metadata["uid"]}");
        }

        if (options.PreconditionResourceVersion is { } rv && rv != (string?)metadata["resourceVersion"])
        {
            throw ApiErrors.Precondition(type, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {(string?)metadata["resourceVersion"]}");
        }

        var finalizers = metadata["finalizers"] as JsonArray;
        if (IsNamespace(type) || finalizers is { Count: > 0 })
        {
            // Finalized objects (and namespaces, whose contents must go first) linger with a deletionTimestamp.
            if (metadata["deletionTimestamp"] is not null)
            {
                return new ApiResult(200, Wire.Object(obj, type.ApiVersion));
            }

            var terminating = (JsonObject)obj.DeepClone();
            terminating["metadata"]!["deletionTimestamp"] = Now();
            terminating["metadata"]!["deletionGracePeriodSeconds"] = 0;
            if (IsNamespace(type))
            {
                terminating["status"] = new JsonObject { ["phase"] = "Terminating" };
            }

            if (options.DryRun)
            {
                return new ApiResult(200, Wire.Object(terminating, type.ApiVersion));
            }

            var stored = store.Put(type, Canonical(terminating), created: false);
            if (IsNamespace(type))
            {
                Schedule(SimulationStep.FinalizeNamespace, type, "", name, NamespaceFinalizationDelay, 0);
            }

            return new ApiResult(200, Wire.Object(stored, type.ApiVersion));
        }

        if (!options.DryRun)
        {
            RemoveObject(type, obj);
        }

        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;
        details["uid"] = (string?)metadata["uid"];
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
        return new ApiResult(200, Wire.Object(status));
    }

    private void RemoveObject(ResourceType type, JsonObject obj)
    {
        store.Remove(type.StoreKey, obj);
        if (type == CrdType)
        {
            // Deleting a CRD deletes every custom resource of it.
            var served = ResourceCatalog.FromCrd(obj).FirstOrDefault();
            if (served is not null)
            {
                foreach (var resource in store.All(served.StoreKey))
                {
                    store.Remove(served.StoreKey, resource);
                }
            }

            RefreshCatalog();
        }
    }

    private void FinalizeNamespace(string name)
    {
        var ns = store.Find(NamespaceType, "", name);
        if (ns?["metadata"]?["deletionTimestamp"] is null)
        {
            return;
        }

        foreach (var (storeKey, obj) in store.InNamespace(name))
        {
            store.Remove(storeKey, obj);
        }

        store.Remove(NamespaceType.StoreKey, ns);
    }

    private void Execute(PendingWork work)
    {
        if (work.Step == SimulationStep.FinalizeNamespace)
        {
            FinalizeNamespace(work.Name);
            return;
        }

        var obj = store.Find(work.Type, work.Namespace, work.Name);
        if (obj is null || (work.Step == SimulationStep.ProgressDeadline && Generation(obj) != work.Generation))
        {
            return;
        }

        var status = StatusSimulator.Simulate(work.Type, obj, work.Step, Now(), Nodes);
        if (status is not null && !JsonNode.DeepEquals(status, obj["status"]))
        {
            var candidate = (JsonObject)obj.DeepClone();
            candidate["status"] = status;
            FieldManager.RecordUpdate(obj, candidate, ControllerManager, work.Type, "status", Now());
            obj = store.Put(work.Type, Canonical(candidate), created: false);
        }

        if (work.Type == CrdType)
        {
            RefreshCatalog();
        }

        if (work.Step == SimulationStep.Reconcile && StatusSimulator.ProgressDeadline(work.Type, obj) is { } deadline)
        {
            Schedule(SimulationStep.ProgressDeadline, work.Type, work.Namespace, work.Name, deadline, Generation(obj));
        }
    }

    private void Schedule(SimulationStep step, ResourceType type, string ns, string name, TimeSpan delay, long generation)
    {
        var due = time.GetUtcNow() + delay;
        pending.Add(new PendingWork(step, type, ns, name, due, generation));
        if (delay > TimeSpan.Zero)
        {
            scheduler.Wake(due, _ => RunDue());
        }
    }

    private void RefreshCatalog() =>
        Catalog.SetCustomResourceDefinitions(store.All(CrdType.StoreKey).Where(IsEstablished));

    private static bool IsEstablished(JsonObject crd) =>
        crd["metadata"]?["deletionTimestamp"] is null
        && crd["status"]?["conditions"]?.AsArray().Any(c => (string?)c?["type"] == "Established" && (string?)c?["status"] == "True") == true;

    private void InitialStatus(ResourceType type, JsonObject obj)
    {
        if (!type.BuiltIn)
        {
            return;
        }

        switch (type.Kind)
        {
            case "Namespace":
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                break;
            case "Service":
                obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
                break;
            case "PersistentVolumeClaim" or "Pod":
                obj["status"] = new JsonObject { ["phase"] = "Pending" };
                break;
        }
    }

    private void AssignServiceAddresses(JsonObject service, JsonObject? old)
    {
        var spec = service["spec"]!.AsObject();
        var type = (string?)spec["type"];
        if (type == "ExternalName")
        {
            return;
        }

        var oldSpec = old?["spec"] as JsonObject;
        if (string.IsNullOrEmpty((string?)spec["clusterIP"]))
        {
            spec["clusterIP"] = (string?)oldSpec?["clusterIP"] is { Length: > 0 } kept ? kept : AllocateServiceAddress();
        }

        if (spec["clusterIPs"] is not JsonArray { Count: > 0 })
        {
            spec["clusterIPs"] = new JsonArray((string?)spec["clusterIP"]);
        }

        if (type is "NodePort" or "LoadBalancer")
        {
            foreach (var port in spec["ports"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                if (port["nodePort"] is null)
                {
                    var previous = oldSpec?["ports"]?.AsArray().OfType<JsonObject>()
                        .FirstOrDefault(p => JsonNode.DeepEquals(p["port"], port["port"]))?["nodePort"];
                    port["nodePort"] = previous?.DeepClone() ?? nextNodePort++;
                }
            }
        }
    }

    private string AllocateServiceAddress()
    {
        var n = nextServiceAddress++;
        return $"10.43.{n / 250}.{n % 250 + 1}";
    }

    private void Seed()
    {
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            SeedObject(NamespaceType, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        }

        SeedObject(Find("", "v1", "services"), new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = "kubernetes",
                ["namespace"] = "default",
                ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
            },
            ["spec"] = new JsonObject
            {
                ["clusterIP"] = "10.43.0.1",
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = 6443 }),
            },
        });
        SeedObject(Find("", "v1", "nodes"), new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = "k3s-server",
                ["labels"] = new JsonObject
                {
                    ["kubernetes.io/hostname"] = "k3s-server",
                    ["kubernetes.io/os"] = "linux",
                    ["node-role.kubernetes.io/control-plane"] = "true",
                },
            },
            ["spec"] = new JsonObject { ["podCIDR"] = "10.42.0.0/24" },
            ["status"] = new JsonObject
            {
                ["addresses"] = new JsonArray(new JsonObject { ["type"] = "InternalIP", ["address"] = StatusSimulator.NodeAddress }),
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "KubeletReady", ["message"] = "kubelet is posting ready status" }),
                ["nodeInfo"] = new JsonObject { ["kubeletVersion"] = "v1.32.4+k3s1", ["operatingSystem"] = "linux", ["architecture"] = "amd64" },
            },
        });
    }

    /// <summary>What k3s's controllers put in every new namespace.</summary>
    private void SeedNamespace(string ns)
    {
        SeedObject(Find("", "v1", "serviceaccounts"), new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = ns } });
        SeedObject(Find("", "v1", "configmaps"), new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "kube-root-ca.crt", ["namespace"] = ns },
            ["data"] = new JsonObject { ["ca.crt"] = "-----BEGIN CERTIFICATE-----\nemulated\n-----END CERTIFICATE-----\n" },
        });
    }

    private void SeedObject(ResourceType type, JsonObject obj)
    {
        var status = obj["status"]?.DeepClone();
        var stored = Commit(type, null, obj, ControllerManager, isApply: false, dryRun: false, null);
        if (status is not null)
        {
            var withStatus = (JsonObject)stored.DeepClone();
            withStatus["status"] = status;
            store.Put(type, Canonical(withStatus), created: false);
        }
    }

    private static ResourceType Find(string group, string version, string plural) =>
        BuiltInResources.Types.Single(t => t.Group == group && t.Version == version && t.Plural == plural);

    private static JsonObject ApplyPatch(ResourceType type, JsonObject old, PatchKind kind, JsonNode? patch)
    {
        var patched = kind switch
        {
            PatchKind.Merge => MergePatch.Apply(old, patch),
            PatchKind.Strategic => StrategicMergePatch.Apply(old, patch),
            PatchKind.Json => JsonPatch.Apply(old, patch),
            _ => MergePatch.Apply(old, patch),
        };
        return patched as JsonObject ?? throw ApiErrors.BadRequest("the patch did not produce an object");
    }

    private static bool Matches(JsonObject obj, LabelSelector labels, FieldSelector fields) =>
        labels.Matches(obj["metadata"]?["labels"] as JsonObject) && fields.Matches(obj);

    private static void CheckKind(ResourceType type, JsonObject body)
    {
        var apiVersion = (string?)body["apiVersion"];
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.ApiVersion)
        {
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        var kind = (string?)body["kind"];
        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            throw ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind}) of the URL");
        }
    }

    private static void CheckApplyKind(ResourceType type, JsonObject applied)
    {
        var apiVersion = (string?)applied["apiVersion"];
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty((string?)applied["kind"]))
        {
            throw ApiErrors.BadRequest("invalid object type: apiVersion and kind must be set in an apply patch");
        }

        if (apiVersion != type.ApiVersion)
        {
            throw ApiErrors.BadRequest($"Incorrect version specified in apply patch. Specified patch version: {apiVersion}, expected: {type.ApiVersion}");
        }

        CheckKind(type, applied);
    }

    private static void CheckName(string name, JsonObject metadata)
    {
        var bodyName = (string?)metadata["name"];
        if (string.IsNullOrEmpty(bodyName))
        {
            metadata["name"] = name;
        }
        else if (bodyName != name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }
    }

    private static string CheckNamespace(ResourceType type, string ns, JsonObject metadata)
    {
        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
            return "";
        }

        var bodyNamespace = (string?)metadata["namespace"];
        if (!string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != ns)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        metadata["namespace"] = ns;
        return ns;
    }

    private void RequireNamespace(ResourceType type, string ns, string name)
    {
        if (!type.Namespaced)
        {
            return;
        }

        var namespaceObject = store.Find(NamespaceType, "", ns) ?? throw ApiErrors.NamespaceNotFound(ns);
        if (namespaceObject["metadata"]?["deletionTimestamp"] is not null)
        {
            throw ApiErrors.Forbidden(type, name, $"unable to create new content in namespace {ns} because it is being terminated");
        }
    }

    private static void CheckResourceVersion(ResourceType type, string name, JsonObject old, JsonObject metadata)
    {
        var wanted = metadata["resourceVersion"];
        if (wanted is not null && Json.Text(wanted) is { Length: > 0 } rv && rv != (string?)old["metadata"]?["resourceVersion"])
        {
            throw ApiErrors.StaleResourceVersion(type, name);
        }
    }

    private static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        if (obj["metadata"] is not null)
        {
            throw ApiErrors.BadRequest("metadata must be an object");
        }

        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }

    private static bool IsNamespace(ResourceType type) => type == NamespaceType;

    private static long Generation(JsonObject obj) => Json.Long(obj["metadata"]?["generation"]) ?? 0;

    /// <summary>Everything but metadata and status: what a generation counts changes of.</summary>
    private static JsonObject SpecView(JsonObject obj)
    {
        var view = (JsonObject)obj.DeepClone();
        view.Remove("metadata");
        view.Remove("status");
        view.Remove("apiVersion");
        view.Remove("kind");
        return view;
    }

    /// <summary>The object minus what changes on every write (resourceVersion, managedFields timestamps).</summary>
    private static JsonObject Comparable(JsonObject obj)
    {
        var view = (JsonObject)obj.DeepClone();
        var metadata = view["metadata"]!.AsObject();
        metadata.Remove("resourceVersion");
        foreach (var entry in metadata["managedFields"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            entry.Remove("time");
        }

        return view;
    }

    /// <summary>Orders fields as the API server serializes them, so output reads like kubectl's.</summary>
    private static JsonObject Canonical(JsonObject obj)
    {
        Reorder(obj, ["apiVersion", "kind", "metadata"], ["status"]);
        if (obj["metadata"] is JsonObject metadata)
        {
            Reorder(metadata,
                ["name", "generateName", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
                 "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers"],
                ["managedFields"]);
        }

        return obj;
    }

    private static void Reorder(JsonObject obj, string[] first, string[] last)
    {
        var properties = obj.ToList();
        obj.Clear();
        var ordered = first.SelectMany(f => properties.Where(p => p.Key == f))
            .Concat(properties.Where(p => !first.Contains(p.Key) && !last.Contains(p.Key)))
            .Concat(last.SelectMany(l => properties.Where(p => p.Key == l)));
        foreach (var (key, value) in ordered)
        {
            obj[key] = value;
        }
    }

    private string Now() => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string? DecodeContinue(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw ApiErrors.BadRequest("invalid continue token");
        }
    }

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Concat(Enumerable.Range(0, 5).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]));
    }
}
