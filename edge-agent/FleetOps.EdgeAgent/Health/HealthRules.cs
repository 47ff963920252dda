using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Health;

/// <summary>
/// kstatus rules for the kinds whose readiness matters on a store; every other kind is healthy once
/// applied. A controller that has not observed the latest generation is always InProgress.
/// </summary>
public static class HealthRules
{
    public static ObjectHealth Evaluate(JsonObject o)
    {
        var apiVersion = Str(o["apiVersion"]) ?? "";
        var group = apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";
        return (group, Str(o["kind"])) switch
        {
            ("apps", "Deployment") => Deployment(o),
            ("apps", "StatefulSet") => StatefulSet(o),
            ("apps", "DaemonSet") => DaemonSet(o),
            ("batch", "Job") => Job(o),
            ("", "Pod") => Pod(o),
            ("", "PersistentVolumeClaim") => Pvc(o),
            ("", "Service") => Service(o),
            ("apiextensions.k8s.io", "CustomResourceDefinition") => IsConditionTrue(o, "Established")
                ? ObjectHealth.Healthy
                : ObjectHealth.InProgress("CRD is not Established yet"),
            _ => ObjectHealth.Healthy,
        };
    }

    public static bool IsConditionTrue(JsonObject o, string type) => Condition(o, type) is { } c && Str(c["status"]) == "True";

    private static ObjectHealth Deployment(JsonObject o)
    {
        if (Stale(o) is { } stale)
            return stale;
        if (Condition(o, "Progressing") is { } p && Str(p["reason"]) == "ProgressDeadlineExceeded")
            return ObjectHealth.Failed($"progress deadline exceeded: {Str(p["message"])}");
        var want = Int(o["spec"]?["replicas"]) ?? 1;
        var status = o["status"];
        var updated = Int(status?["updatedReplicas"]) ?? 0;
        var available = Int(status?["availableReplicas"]) ?? 0;
        var total = Int(status?["replicas"]) ?? 0;
        if (updated < want)
            return ObjectHealth.InProgress($"{updated} of {want} replicas updated");
        if (total > updated)
            return ObjectHealth.InProgress($"{total - updated} old replicas pending termination");
        if (available < want)
            return ObjectHealth.InProgress($"{available} of {want} replicas available");
        return ObjectHealth.Healthy;
    }

    private static ObjectHealth StatefulSet(JsonObject o)
    {
        if (Stale(o) is { } stale)
            return stale;
        var want = Int(o["spec"]?["replicas"]) ?? 1;
        var status = o["status"];
        var ready = Int(status?["readyReplicas"]) ?? 0;
        var current = Str(status?["currentRevision"]);
        var update = Str(status?["updateRevision"]);
        if (ready < want)
            return ObjectHealth.InProgress($"{ready} of {want} replicas ready");
        if (Int(status?["updatedReplicas"]) is { } updated && updated < want)
            return ObjectHealth.InProgress($"{updated} of {want} replicas updated");
        if (update is not null && current is not null && current != update)
            return ObjectHealth.InProgress($"rolling update to {update} in progress");
        return ObjectHealth.Healthy;
    }

    private static ObjectHealth DaemonSet(JsonObject o)
    {
        if (Stale(o) is { } stale)
            return stale;
        var status = o["status"];
        var desired = Int(status?["desiredNumberScheduled"]) ?? 0;
        var updated = Int(status?["updatedNumberScheduled"]) ?? 0;
        var available = Int(status?["numberAvailable"]) ?? 0;
        if (updated < desired)
            return ObjectHealth.InProgress($"{updated} of {desired} pods updated");
        if (available < desired)
            return ObjectHealth.InProgress($"{available} of {desired} pods available");
        return ObjectHealth.Healthy;
    }

    private static ObjectHealth Job(JsonObject o)
    {
        if (IsConditionTrue(o, "Failed"))
            return ObjectHealth.Failed($"job failed: {Str(Condition(o, "Failed")?["message"]) ?? Str(Condition(o, "Failed")?["reason"])}");
        return IsConditionTrue(o, "Complete") ? ObjectHealth.Healthy : ObjectHealth.InProgress("job has not completed");
    }

    private static ObjectHealth Pod(JsonObject o)
    {
        var phase = Str(o["status"]?["phase"]);
        return phase switch
        {
            "Succeeded" => ObjectHealth.Healthy,
            "Failed" => ObjectHealth.Failed($"pod failed: {Str(o["status"]?["message"]) ?? Str(o["status"]?["reason"])}"),
            "Running" when IsConditionTrue(o, "Ready") => ObjectHealth.Healthy,
            "Running" => ObjectHealth.InProgress("pod is running but not ready"),
            _ => ObjectHealth.InProgress($"pod is {phase ?? "Pending"}"),
        };
    }

    private static ObjectHealth Pvc(JsonObject o) =>
        Str(o["status"]?["phase"]) == "Bound" ? ObjectHealth.Healthy : ObjectHealth.InProgress($"claim is {Str(o["status"]?["phase"]) ?? "Pending"}, not Bound");

    private static ObjectHealth Service(JsonObject o)
    {
        if (Str(o["spec"]?["type"]) != "LoadBalancer")
            return ObjectHealth.Healthy;
        return o["status"]?["loadBalancer"]?["ingress"] is JsonArray { Count: > 0 }
            ? ObjectHealth.Healthy
            : ObjectHealth.InProgress("load balancer has no ingress address yet");
    }

    private static ObjectHealth? Stale(JsonObject o)
    {
        var generation = Int(o["metadata"]?["generation"]);
        var observed = Int(o["status"]?["observedGeneration"]);
        return generation is not null && (observed is null || observed < generation)
            ? ObjectHealth.InProgress($"generation {generation} not yet observed by its controller")
            : null;
    }

    private static JsonObject? Condition(JsonObject o, string type) =>
        (o["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => Str(c["type"]) == type);

    private static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long? Int(JsonNode? n) =>
        n is JsonValue v && long.TryParse(v.ToJsonString().Trim('"'), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null;
}
