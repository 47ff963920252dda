using System.Text.Json.Nodes;

namespace FleetOps.Shared.Kubernetes.Validation;

/// <summary>Jobs and CronJobs: pods that finish (restartPolicy OnFailure or Never) and a schedule cron can read.</summary>
internal static class JobRules
{
    private static readonly string[] FinishingPolicies = ["OnFailure", "Never"];

    public static void Job(JsonObject obj, RuleContext context) =>
        JobSpec(Values.At(obj, "spec"), ObjectPath.Root.Child("spec"), context);

    public static void CronJob(JsonObject obj, RuleContext context)
    {
        var spec = Values.At(obj, "spec");
        var path = ObjectPath.Root.Child("spec");
        Schedule(Values.At(spec, "schedule"), path.Child("schedule"), context);
        JobSpec(Values.At(Values.At(spec, "jobTemplate"), "spec"), path.Child("jobTemplate").Child("spec"), context);
    }

    private static void JobSpec(JsonNode? spec, ObjectPath path, RuleContext context) =>
        WorkloadRules.PodTemplate(Values.At(spec, "template"), path.Child("template"), context, FinishingPolicies);

    private static void Schedule(JsonNode? schedule, ObjectPath path, RuleContext context)
    {
        if (schedule is not null && Values.Text(schedule) is null)
            return;

        var text = Values.Text(schedule) ?? "";
        if (text.Length == 0)
        {
            context.Required(path);
            return;
        }

        if (CronSchedule.Problem(text) is { } problem)
            context.Invalid(path, text, problem);

        if (text.Contains("TZ", StringComparison.Ordinal))
            context.Invalid(path, text, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
    }
}
