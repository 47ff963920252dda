using System.Text.Json.Nodes;

namespace FleetOps.Shared.Kubernetes.Validation;

/// <summary>Which rules kube-apiserver's validation applies to which built-in kind, by group and kind.</summary>
internal static class RuleBook
{
    private static readonly Dictionary<(string Group, string Kind), Action<JsonObject, RuleContext>> Rules = new()
    {
        [("apps", "Deployment")] = WorkloadRules.Replicated,
        [("apps", "ReplicaSet")] = WorkloadRules.Replicated,
        [("apps", "StatefulSet")] = WorkloadRules.Replicated,
        [("apps", "DaemonSet")] = WorkloadRules.DaemonSet,
        [("", "ReplicationController")] = WorkloadRules.Replicated,
        [("", "Pod")] = WorkloadRules.Pod,
        [("batch", "Job")] = JobRules.Job,
        [("batch", "CronJob")] = JobRules.CronJob,
        [("", "Service")] = ServiceRules.Service,
        [("networking.k8s.io", "Ingress")] = IngressRules.Ingress,
    };

    public static void Check(string group, string kind, JsonObject obj, RuleContext context)
    {
        if (Rules.TryGetValue((group, kind), out var rule))
            rule(obj, context);
    }
}
