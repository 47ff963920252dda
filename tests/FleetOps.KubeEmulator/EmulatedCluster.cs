using System.Text;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Storage;
using k8s;

namespace FleetOps.KubeEmulator;

/// <summary>
/// One emulated cluster: its API URL and client helpers, and direct access to its objects and request
/// log for tests (reads and writes here go through the same pipeline as HTTP requests, minus HTTP).
/// </summary>
public sealed class EmulatedCluster
{
    private readonly KubeEmulatorServer server;

    internal EmulatedCluster(KubeEmulatorServer server, ClusterState state)
    {
        this.server = server;
        State = state;
    }

    public string Name => State.Name;

    /// <summary>The cluster's API server URL, e.g. <c>http://127.0.0.1:41234/clusters/store-0001</c> (no trailing slash).</summary>
    public string Server => new Uri(server.BaseAddress, "clusters/" + Name).ToString();

    /// <summary>How long the simulated controllers take to report status after a change (see <see cref="KubeEmulatorOptions.RolloutDelay"/>).</summary>
    public TimeSpan RolloutDelay
    {
        get => State.RolloutDelay;
        set => State.RolloutDelay = value;
    }

    /// <summary>How long a deleted Namespace stays Terminating (see <see cref="KubeEmulatorOptions.NamespaceFinalizationDelay"/>).</summary>
    public TimeSpan NamespaceFinalizationDelay
    {
        get => State.NamespaceFinalizationDelay;
        set => State.NamespaceFinalizationDelay = value;
    }

    /// <summary>The cluster's current resourceVersion; it moves on every stored change and never otherwise.</summary>
    public long ResourceVersion => State.ResourceVersion;

    public int ObjectCount => State.ObjectCount;

    /// <summary>The most recent requests, oldest first (up to <see cref="KubeEmulatorOptions.RequestLogCapacity"/>).</summary>
    public IReadOnlyList<KubeRequest> Requests => State.Log.Snapshot();

    public long RequestCount => State.Log.Total;

    /// <summary>Requests that asked to change state (create, update, patch, delete; dry runs excluded).</summary>
    public long WriteRequestCount => State.Log.Writes;

    internal ClusterState State { get; }

    public void ClearRequests() => State.Log.Clear();

    /// <summary>Writes a kubeconfig whose only context points at this cluster, and returns its path.</summary>
    public string WriteKubeconfig(string path, string defaultNamespace = "default")
    {
        var text = new StringBuilder()
            .AppendLine("apiVersion: v1")
            .AppendLine("kind: Config")
            .AppendLine("clusters:")
            .AppendLine($"- name: {Name}")
            .AppendLine("  cluster:")
            .AppendLine($"    server: {Server}")
            .AppendLine("contexts:")
            .AppendLine($"- name: {Name}")
            .AppendLine("  context:")
            .AppendLine($"    cluster: {Name}")
            .AppendLine($"    namespace: {defaultNamespace}")
            .AppendLine("    user: emulator")
            .AppendLine($"current-context: {Name}")
            .AppendLine("users:")
            .AppendLine("- name: emulator")
            .AppendLine("  user:")
            .AppendLine("    token: emulator")
            .ToString();
        File.WriteAllText(path, text);
        return path;
    }

    public KubernetesClientConfiguration CreateClientConfiguration() => new() { Host = Server };

    public Kubernetes CreateClient() => new(CreateClientConfiguration());

    /// <summary>A copy of the object, or null. <paramref name="ns"/> is ignored for cluster-scoped kinds.</summary>
    public JsonObject? Get(string apiVersion, string kind, string? ns, string name)
    {
        var type = Resolve(apiVersion, kind);
        return State.Snapshot(type, type.Namespaced ? ns ?? "default" : "", name);
    }

    /// <summary>Copies of all objects of a kind, in one namespace or (null) all of them.</summary>
    public IReadOnlyList<JsonObject> List(string apiVersion, string kind, string? ns = null) =>
        State.SnapshotAll(Resolve(apiVersion, kind), ns);

    /// <summary>Server-side applies every object in a YAML (or JSON) text, as <paramref name="fieldManager"/>.</summary>
    public IReadOnlyList<JsonObject> Apply(string yaml, string fieldManager = "emulator-test", bool force = true)
    {
        var applied = new List<JsonObject>();
        foreach (var document in YamlJson.ParseDocuments(yaml))
        {
            var obj = document as JsonObject ?? throw new ArgumentException("each YAML document must be an object", nameof(yaml));
            var (type, ns, name) = Identify(obj);
            var result = State.Patch(type, ns, name, PatchKind.Apply, obj, new WriteOptions(fieldManager, Force: force), null);
            applied.Add(Parse(result));
        }

        return applied;
    }

    /// <summary>Creates an object, or replaces it (status included), bypassing field ownership checks.</summary>
    public JsonObject Put(JsonObject obj, string fieldManager = "emulator-test")
    {
        var (type, ns, name) = Identify(obj);
        var body = (JsonObject)obj.DeepClone();
        var status = body["status"]?.DeepClone();
        var options = new WriteOptions(fieldManager);
        body["metadata"]!.AsObject().Remove("resourceVersion");
        var result = State.Snapshot(type, ns, name) is null
            ? State.Create(type, ns, body, options)
            : State.Update(type, ns, name, body, options, null);
        if (status is not null && type.HasStatus)
            result = State.Update(type, ns, name, new JsonObject { ["status"] = status }, options, "status");

        return Parse(result);
    }

    /// <summary>Replaces an object's status, as a controller would through the status subresource.</summary>
    public JsonObject SetStatus(string apiVersion, string kind, string? ns, string name, JsonObject status, string fieldManager = "emulator-test")
    {
        var type = Resolve(apiVersion, kind);
        var body = new JsonObject { ["status"] = status.DeepClone() };
        return Parse(State.Update(type, type.Namespaced ? ns ?? "default" : "", name, body, new WriteOptions(fieldManager), "status"));
    }

    /// <summary>Deletes an object; returns false when it did not exist.</summary>
    public bool Delete(string apiVersion, string kind, string? ns, string name)
    {
        var type = Resolve(apiVersion, kind);
        try
        {
            State.Delete(type, type.Namespaced ? ns ?? "default" : "", name, new DeleteOptions());
            return true;
        }
        catch (KubeApiException e) when (e.Code == 404)
        {
            return false;
        }
    }

    /// <summary>Runs simulated controller work that has come due (requests do this too).</summary>
    public void RunControllers() => State.RunDue();

    public override string ToString() => $"{Name} ({Server})";

    private (ResourceType Type, string Namespace, string Name) Identify(JsonObject obj)
    {
        var type = Resolve((string?)obj["apiVersion"] ?? "", (string?)obj["kind"] ?? "");
        var name = (string?)obj["metadata"]?["name"] ?? throw new ArgumentException("the object has no metadata.name");
        var ns = type.Namespaced ? (string?)obj["metadata"]?["namespace"] ?? "default" : "";
        return (type, ns, name);
    }

    private ResourceType Resolve(string apiVersion, string kind) =>
        State.FindKind(apiVersion, kind) ?? throw new ArgumentException($"{apiVersion} {kind} is not served by cluster {Name}");

    private static JsonObject Parse(ApiResult result) => JsonNode.Parse(result.Body)!.AsObject();
}
