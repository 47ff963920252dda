using System.Text.Json.Nodes;
using FleetOps.Shared.Kubernetes.Decoding;

namespace FleetOps.Shared.Kubernetes.Validation;

/// <summary>Pods and the workloads that stamp them out: replicas not negative, templates restarting Always.</summary>
internal static class WorkloadRules
{
    private static readonly string[] Always = ["Always"];

    public static void Replicated(JsonObject obj, RuleContext context)
    {
        var spec = Values.At(obj, "spec");
        var path = ObjectPath.Root.Child("spec");
        if (JsonText.Integer(Values.At(spec, "replicas")) is < 0)
            context.Invalid(path.Child("replicas"), Values.At(spec, "replicas"), "must be greater than or equal to 0");

        PodTemplate(Values.At(spec, "template"), path.Child("template"), context, Always);
    }

    public static void DaemonSet(JsonObject obj, RuleContext context) =>
        PodTemplate(Values.At(Values.At(obj, "spec"), "template"), ObjectPath.Root.Child("spec").Child("template"), context, Always);

    public static void Pod(JsonObject obj, RuleContext context) =>
        PodSpecRules.Check(Values.At(obj, "spec"), ObjectPath.Root.Child("spec"), context);

    /// <summary>A pod template whose pods may restart only as <paramref name="restartPolicies"/> allow.</summary>
    public static void PodTemplate(JsonNode? template, ObjectPath path, RuleContext context, string[] restartPolicies)
    {
        var spec = Values.At(template, "spec");
        PodSpecRules.Check(spec, path.Child("spec"), context);
        PodSpecRules.RestartPolicy(spec, path.Child("spec"), context, restartPolicies);
    }
}
