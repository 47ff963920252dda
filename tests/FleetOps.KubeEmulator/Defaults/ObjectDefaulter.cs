using System.Text;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Resources;

namespace FleetOps.KubeEmulator.Defaults;

/// <summary>
/// The defaults the API server fills in for built-in kinds, so live objects differ from manifests the way
/// they do on k3s (a drift check that compares naively sees these differences here too).
/// </summary>
internal static class ObjectDefaulter
{
    public static void Apply(ResourceType type, JsonObject obj)
    {
        if (!type.BuiltIn)
            return;

        var spec = obj["spec"] as JsonObject;
        switch (type.Kind)
        {
            case "Namespace":
                var labels = Object(Object(obj, "metadata"), "labels");
                labels["kubernetes.io/metadata.name"] = (string?)obj["metadata"]?["name"];
                Default(Object(obj, "spec"), "finalizers", new JsonArray("kubernetes"));
                break;
            case "Deployment":
                spec ??= Object(obj, "spec");
                Default(spec, "replicas", 1);
                Default(spec, "revisionHistoryLimit", 10);
                Default(spec, "progressDeadlineSeconds", 600);
                var strategy = Object(spec, "strategy");
                Default(strategy, "type", "RollingUpdate");
                if ((string?)strategy["type"] == "RollingUpdate")
                    Default(strategy, "rollingUpdate", new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = "25%" });

                PodTemplate(spec, "Always");
                break;
            case "StatefulSet":
                spec ??= Object(obj, "spec");
                Default(spec, "replicas", 1);
                Default(spec, "revisionHistoryLimit", 10);
                Default(spec, "podManagementPolicy", "OrderedReady");
                Default(spec, "updateStrategy", new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 0 } });
                Default(spec, "persistentVolumeClaimRetentionPolicy", new JsonObject { ["whenDeleted"] = "Retain", ["whenScaled"] = "Retain" });
                PodTemplate(spec, "Always");
                break;
            case "DaemonSet":
                spec ??= Object(obj, "spec");
                Default(spec, "revisionHistoryLimit", 10);
                Default(spec, "updateStrategy", new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxSurge"] = 0, ["maxUnavailable"] = 1 } });
                PodTemplate(spec, "Always");
                break;
            case "ReplicaSet":
                spec ??= Object(obj, "spec");
                Default(spec, "replicas", 1);
                PodTemplate(spec, "Always");
                break;
            case "Job":
                spec ??= Object(obj, "spec");
                JobSpec(spec);
                break;
            case "CronJob":
                spec ??= Object(obj, "spec");
                Default(spec, "concurrencyPolicy", "Allow");
                Default(spec, "suspend", false);
                Default(spec, "successfulJobsHistoryLimit", 3);
                Default(spec, "failedJobsHistoryLimit", 1);
                if (spec["jobTemplate"]?["spec"] is JsonObject jobSpec)
                    JobSpec(jobSpec);

                break;
            case "Pod" when spec is not null:
                PodSpec(spec, "Always");
                break;
            case "Service":
                Service(spec ??= Object(obj, "spec"));
                break;
            case "Secret":
                Secret(obj);
                break;
            case "PersistentVolumeClaim" when spec is not null:
                Default(spec, "volumeMode", "Filesystem");
                break;
            case "PersistentVolume" when spec is not null:
                Default(spec, "persistentVolumeReclaimPolicy", "Retain");
                Default(spec, "volumeMode", "Filesystem");
                break;
            case "StorageClass":
                Default(obj, "reclaimPolicy", "Delete");
                Default(obj, "volumeBindingMode", "Immediate");
                break;
        }
    }

    private static void JobSpec(JsonObject spec)
    {
        Default(spec, "backoffLimit", 6);
        Default(spec, "completions", 1);
        Default(spec, "parallelism", 1);
        Default(spec, "completionMode", "NonIndexed");
        Default(spec, "suspend", false);
        Default(spec, "podReplacementPolicy", "TerminatingOrFailed");
        PodTemplate(spec, null);
    }

    private static void Service(JsonObject spec)
    {
        Default(spec, "type", "ClusterIP");
        Default(spec, "sessionAffinity", "None");
        if ((string?)spec["type"] != "ExternalName")
        {
            Default(spec, "ipFamilies", new JsonArray("IPv4"));
            Default(spec, "ipFamilyPolicy", "SingleStack");
            Default(spec, "internalTrafficPolicy", "Cluster");
        }

        foreach (var port in spec["ports"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            Default(port, "protocol", "TCP");
            if (port["port"] is { } number)
                Default(port, "targetPort", number.DeepClone());
        }
    }

    private static void Secret(JsonObject obj)
    {
        Default(obj, "type", "Opaque");
        if (obj["stringData"] is not JsonObject stringData)
            return;

        // The API server folds stringData into data and never stores it.
        var data = Object(obj, "data");
        foreach (var (key, value) in stringData)
        {
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes((string?)value ?? ""));
        }

        obj.Remove("stringData");
    }

    private static void PodTemplate(JsonObject spec, string? restartPolicy)
    {
        if (spec["template"]?["spec"] is JsonObject podSpec)
            PodSpec(podSpec, restartPolicy);
    }

    private static void PodSpec(JsonObject podSpec, string? restartPolicy)
    {
        if (restartPolicy is not null)
            Default(podSpec, "restartPolicy", restartPolicy);

        Default(podSpec, "dnsPolicy", "ClusterFirst");
        Default(podSpec, "schedulerName", "default-scheduler");
        Default(podSpec, "securityContext", new JsonObject());
        Default(podSpec, "terminationGracePeriodSeconds", 30);
        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in podSpec[list]?.AsArray().OfType<JsonObject>() ?? [])
            {
                var image = (string?)container["image"] ?? "";
                var tagged = image.LastIndexOf(':') > image.LastIndexOf('/') && !image.EndsWith(":latest", StringComparison.Ordinal);
                Default(container, "imagePullPolicy", tagged || image.Contains('@') ? "IfNotPresent" : "Always");
                Default(container, "terminationMessagePath", "/dev/termination-log");
                Default(container, "terminationMessagePolicy", "File");
                Default(container, "resources", new JsonObject());
                foreach (var port in container["ports"]?.AsArray().OfType<JsonObject>() ?? [])
                    Default(port, "protocol", "TCP");
            }
        }
    }

    private static JsonObject Object(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
            return existing;

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    private static void Default(JsonObject obj, string name, JsonNode value)
    {
        if (obj[name] is null)
            obj[name] = value;
    }
}
