using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Serialization;

namespace FleetOps.KubeEmulator.Simulation;

/// <summary>
/// The status the k3s controllers would eventually write for an object: workloads roll out (or, with
/// <see cref="EmulatorAnnotations.NeverReady"/>, never become ready), Jobs complete, CRDs become Established.
/// Pure: given an object and the time, returns the status to store.
/// </summary>
internal static class StatusSimulator
{
    public const string NodeAddress = "192.168.1.10";

    public static bool IsSimulated(ResourceType type) => type.BuiltIn && type.Kind is
        "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" or "Pod" or "Service" or "CustomResourceDefinition";

    public static bool IsNeverReady(JsonObject obj) =>
        string.Equals((string?)obj["metadata"]?["annotations"]?[EmulatorAnnotations.NeverReady], "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The status after <paramref name="step"/>, or null when the step does not apply.</summary>
    public static JsonObject? Simulate(ResourceType type, JsonObject obj, SimulationStep step, string now, int nodes)
    {
        var previous = obj["status"] as JsonObject ?? new JsonObject();
        var neverReady = IsNeverReady(obj);
        return (type.Kind, step) switch
        {
            ("Deployment", SimulationStep.Reconcile) => Deployment(obj, previous, neverReady, now),
            ("Deployment", SimulationStep.ProgressDeadline) => DeploymentDeadline(obj, previous, neverReady, now),
            ("StatefulSet", SimulationStep.Reconcile) => StatefulSet(obj, neverReady),
            ("DaemonSet", SimulationStep.Reconcile) => DaemonSet(obj, neverReady, nodes),
            ("ReplicaSet", SimulationStep.Reconcile) => ReplicaSet(obj, neverReady),
            ("Job", SimulationStep.Reconcile) => Job(obj, previous, neverReady, now),
            ("Pod", SimulationStep.Reconcile) => Pod(obj, previous, neverReady, now),
            ("Service", SimulationStep.Reconcile) => Service(obj, neverReady),
            ("CustomResourceDefinition", SimulationStep.Reconcile) => Crd(obj, previous, now),
            _ => null,
        };
    }

    /// <summary>When a never-ready Deployment's Progressing condition should give up.</summary>
    public static TimeSpan? ProgressDeadline(ResourceType type, JsonObject obj) =>
        type.BuiltIn && type.Kind == "Deployment" && IsNeverReady(obj) && Replicas(obj) > 0
            ? TimeSpan.FromSeconds(Json.Int(obj["spec"]?["progressDeadlineSeconds"]) ?? 600)
            : null;

    /// <summary>The ReplicaSet/revision name suffix a controller derives from the pod template.</summary>
    public static string TemplateHash(JsonObject obj)
    {
        var text = obj["spec"]?["template"]?.ToJsonString() ?? "";
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
            hash = (hash ^ b) * 16777619u;

        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Concat(hash.ToString(CultureInfo.InvariantCulture).Select(c => alphabet[(c - '0') % alphabet.Length]));
    }

    private static JsonObject Deployment(JsonObject obj, JsonObject previous, bool neverReady, string now)
    {
        var replicas = Replicas(obj);
        var replicaSet = $"{Name(obj)}-{TemplateHash(obj)}";
        var status = new JsonObject { ["observedGeneration"] = Generation(obj) };
        if (neverReady && replicas > 0)
        {
            status["replicas"] = replicas;
            status["updatedReplicas"] = replicas;
            status["unavailableReplicas"] = replicas;
            status["conditions"] = new JsonArray(
                Condition(previous, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now, withUpdateTime: true),
                Condition(previous, "Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{replicaSet}\" is progressing.", now, withUpdateTime: true));
            return status;
        }

        AddCount(status, "replicas", replicas);
        AddCount(status, "updatedReplicas", replicas);
        AddCount(status, "readyReplicas", replicas);
        AddCount(status, "availableReplicas", replicas);
        status["conditions"] = new JsonArray(
            Condition(previous, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now, withUpdateTime: true),
            Condition(previous, "Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{replicaSet}\" has successfully progressed.", now, withUpdateTime: true));
        return status;
    }

    private static JsonObject? DeploymentDeadline(JsonObject obj, JsonObject previous, bool neverReady, string now)
    {
        if (!neverReady || Json.Long(previous["observedGeneration"]) != Generation(obj))
            return null;

        var status = (JsonObject)previous.DeepClone();
        var replicaSet = $"{Name(obj)}-{TemplateHash(obj)}";
        status["conditions"] = new JsonArray(
            Condition(previous, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now, withUpdateTime: true),
            Condition(previous, "Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{replicaSet}\" has timed out progressing.", now, withUpdateTime: true));
        return status;
    }

    private static JsonObject StatefulSet(JsonObject obj, bool neverReady)
    {
        var replicas = Replicas(obj);
        var revision = $"{Name(obj)}-{TemplateHash(obj)}";
        var ready = neverReady ? 0 : replicas;
        var status = new JsonObject
        {
            ["observedGeneration"] = Generation(obj),
            ["replicas"] = replicas,
        };
        AddCount(status, "readyReplicas", ready);
        AddCount(status, "currentReplicas", replicas);
        AddCount(status, "updatedReplicas", replicas);
        status["currentRevision"] = revision;
        status["updateRevision"] = revision;
        status["collisionCount"] = 0;
        status["availableReplicas"] = ready;
        return status;
    }

    private static JsonObject DaemonSet(JsonObject obj, bool neverReady, int nodes)
    {
        var ready = neverReady ? 0 : nodes;
        var status = new JsonObject
        {
            ["currentNumberScheduled"] = nodes,
            ["desiredNumberScheduled"] = nodes,
            ["numberMisscheduled"] = 0,
            ["numberReady"] = ready,
            ["observedGeneration"] = Generation(obj),
            ["updatedNumberScheduled"] = nodes,
        };
        AddCount(status, "numberAvailable", ready);
        AddCount(status, "numberUnavailable", nodes - ready);
        return status;
    }

    private static JsonObject ReplicaSet(JsonObject obj, bool neverReady)
    {
        var replicas = Replicas(obj);
        var ready = neverReady ? 0 : replicas;
        var status = new JsonObject { ["replicas"] = replicas };
        AddCount(status, "fullyLabeledReplicas", replicas);
        AddCount(status, "readyReplicas", ready);
        AddCount(status, "availableReplicas", ready);
        status["observedGeneration"] = Generation(obj);
        return status;
    }

    private static JsonObject Job(JsonObject obj, JsonObject previous, bool neverReady, string now)
    {
        var spec = obj["spec"] as JsonObject;
        var status = new JsonObject { ["startTime"] = (string?)previous["startTime"] ?? now };
        if (Json.Bool(spec?["suspend"]) == true)
        {
            status["conditions"] = new JsonArray(JobCondition(previous, "Suspended", "JobSuspended", "Job suspended", now));
            return status;
        }

        if (neverReady)
        {
            status["active"] = Json.Int(spec?["parallelism"]) ?? 1;
            status["ready"] = 0;
            status["terminating"] = 0;
            status["uncountedTerminatedPods"] = new JsonObject();
            return status;
        }

        status["completionTime"] = (string?)previous["completionTime"] ?? now;
        status["succeeded"] = Json.Int(spec?["completions"]) ?? 1;
        status["ready"] = 0;
        status["terminating"] = 0;
        status["uncountedTerminatedPods"] = new JsonObject();
        status["conditions"] = new JsonArray(
            JobCondition(previous, "SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", now),
            JobCondition(previous, "Complete", "CompletionsReached", "Reached expected number of succeeded pods", now));
        return status;
    }

    private static JsonObject Pod(JsonObject obj, JsonObject previous, bool neverReady, string now)
    {
        var ready = neverReady ? "False" : "True";
        var containers = obj["spec"]?["containers"]?.AsArray() ?? [];
        var names = string.Join(" ", containers.Select(c => (string?)c?["name"]));
        var status = new JsonObject
        {
            ["phase"] = "Running",
            ["conditions"] = new JsonArray(
                PodCondition(previous, "PodReadyToStartContainers", "True", "", now),
                PodCondition(previous, "Initialized", "True", "", now),
                PodCondition(previous, "Ready", ready, names, now),
                PodCondition(previous, "ContainersReady", ready, names, now),
                PodCondition(previous, "PodScheduled", "True", "", now)),
            ["hostIP"] = NodeAddress,
            ["podIP"] = "10.42.0." + (Math.Abs(Name(obj).GetHashCode(StringComparison.Ordinal)) % 200 + 20),
            ["startTime"] = (string?)previous["startTime"] ?? now,
            ["qosClass"] = "BestEffort",
            ["containerStatuses"] = new JsonArray(containers.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = (string?)c?["name"],
                ["image"] = (string?)c?["image"],
                ["imageID"] = "",
                ["ready"] = !neverReady,
                ["started"] = !neverReady,
                ["restartCount"] = neverReady ? 3 : 0,
                ["state"] = neverReady
                    ? new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff", ["message"] = "back-off restarting failed container" } }
                    : new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } },
            }).ToArray()),
        };
        return status;
    }

    private static JsonObject Service(JsonObject obj, bool neverReady)
    {
        var balancer = new JsonObject();
        if ((string?)obj["spec"]?["type"] == "LoadBalancer" && !neverReady)
            balancer["ingress"] = new JsonArray(new JsonObject { ["ip"] = NodeAddress, ["ipMode"] = "VIP" });

        return new JsonObject { ["loadBalancer"] = balancer };
    }

    private static JsonObject Crd(JsonObject obj, JsonObject previous, string now)
    {
        var names = (JsonObject)(obj["spec"]?["names"]?.DeepClone() ?? new JsonObject());
        var kind = (string?)names["kind"] ?? "";
        if (names["singular"] is null)
            names["singular"] = kind.ToLowerInvariant();

        if (names["listKind"] is null)
            names["listKind"] = kind + "List";

        var storage = obj["spec"]?["versions"]?.AsArray().FirstOrDefault(v => Json.Bool(v?["storage"]) == true)?["name"];
        var stored = previous["storedVersions"]?.AsArray().Select(v => (string?)v).ToList() ?? [];
        if ((string?)storage is { } version && !stored.Contains(version))
            stored.Add(version);

        return new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition(previous, "NamesAccepted", "True", "NoConflicts", "no conflicts found", now, withUpdateTime: false),
                Condition(previous, "Established", "True", "InitialNamesAccepted", "the initial names have been accepted", now, withUpdateTime: false)),
            ["acceptedNames"] = names,
            ["storedVersions"] = new JsonArray(stored.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
        };
    }

    /// <summary>A condition that keeps its transition time while its status stays the same, as controllers do.</summary>
    private static JsonObject Condition(JsonObject previous, string type, string status, string reason, string message, string now, bool withUpdateTime)
    {
        var old = Find(previous, type);
        var unchanged = old is not null && (string?)old["status"] == status;
        var same = unchanged && (string?)old!["reason"] == reason && (string?)old["message"] == message;
        var condition = new JsonObject { ["type"] = type, ["status"] = status };
        if (withUpdateTime)
            condition["lastUpdateTime"] = same ? (string?)old!["lastUpdateTime"] ?? now : now;

        condition["lastTransitionTime"] = unchanged ? (string?)old!["lastTransitionTime"] ?? now : now;
        condition["reason"] = reason;
        condition["message"] = message;
        return condition;
    }

    private static JsonObject JobCondition(JsonObject previous, string type, string reason, string message, string now)
    {
        var old = Find(previous, type);
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = "True",
            ["lastProbeTime"] = (string?)old?["lastProbeTime"] ?? now,
            ["lastTransitionTime"] = (string?)old?["lastTransitionTime"] ?? now,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    private static JsonObject PodCondition(JsonObject previous, string type, string status, string containers, string now)
    {
        var old = Find(previous, type);
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = old is not null && (string?)old["status"] == status ? (string?)old["lastTransitionTime"] ?? now : now,
        };
        if (status == "False")
        {
            condition["reason"] = "ContainersNotReady";
            condition["message"] = $"containers with unready status: [{containers}]";
        }

        return condition;
    }

    private static JsonObject? Find(JsonObject status, string type) =>
        status["conditions"]?.AsArray().OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);

    private static void AddCount(JsonObject status, string name, int value)
    {
        // The API omits zero counts (omitempty), so clients must treat a missing count as zero.
        if (value != 0)
            status[name] = value;
    }

    private static int Replicas(JsonObject obj) => Json.Int(obj["spec"]?["replicas"]) ?? 1;

    private static long Generation(JsonObject obj) => Json.Long(obj["metadata"]?["generation"]) ?? 1;

    private static string Name(JsonObject obj) => (string?)obj["metadata"]?["name"] ?? "";
}
