using System.Text.Json.Nodes;

namespace FleetOps.Shared.Kubernetes.Validation;

/// <summary>
/// What kube-apiserver checks in every pod spec (a Pod's, or a workload's template) that manifests trip over:
/// container names unique across containers and init containers, the restart policy the owner allows, and the
/// warning for an env name defined twice (server-side apply refuses that outright).
/// </summary>
internal static class PodSpecRules
{
    private static readonly string[] ContainerLists = ["containers", "initContainers", "ephemeralContainers"];

    public static void Check(JsonNode? podSpec, ObjectPath path, RuleContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        DuplicateNames(podSpec, "containers", path, names, context);
        DuplicateNames(podSpec, "initContainers", path, names, context);
        if (!context.ServerSideApply)
        {
            foreach (var list in ContainerLists)
            {
                var containers = Values.Items(Values.At(podSpec, list));
                for (var i = 0; i < containers.Count; i++)
                    EnvWarnings(containers[i], path.Child(list).Index(i), context);
            }
        }
    }

    /// <summary>The restart policy, defaulted to Always as the API server does before it validates.</summary>
    public static void RestartPolicy(JsonNode? podSpec, ObjectPath path, RuleContext context, string[] allowed)
    {
        var policy = Values.At(podSpec, "restartPolicy") is { } value ? Values.Text(value) : "Always";
        if (policy is not null && !allowed.Contains(policy, StringComparer.Ordinal))
            context.NotSupported(path.Child("restartPolicy"), policy, allowed);
    }

    // Init containers are checked against the regular ones too, as validateInitContainers does.
    private static void DuplicateNames(JsonNode? podSpec, string list, ObjectPath path, HashSet<string> names, RuleContext context)
    {
        var containers = Values.Items(Values.At(podSpec, list));
        for (var i = 0; i < containers.Count; i++)
        {
            if (Values.Text(Values.At(containers[i], "name")) is not { Length: > 0 } name)
                continue;

            if (!names.Add(name))
                context.Duplicate(path.Child(list).Index(i).Child("name"), name);
        }
    }

    /// <summary>A later env entry of the same name warns unless it only extends the earlier value ($(NAME)-suffix).</summary>
    private static void EnvWarnings(JsonNode? container, ObjectPath path, RuleContext context)
    {
        var env = Values.Items(Values.At(container, "env"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < env.Count; i++)
        {
            var name = Values.Text(Values.At(env[i], "name")) ?? "";
            if (seen.Add(name))
                continue;

            var reference = $"$({name})";
            var value = Values.Text(Values.At(env[i], "value")) ?? "";
            var hides = Values.At(env[i], "valueFrom") is not null || value == reference || !value.Contains(reference, StringComparison.Ordinal);
            if (hides)
                context.Warn($"{path.Child("env").Index(i)}: hides previous definition of {Values.Quoted(name)}, which may be dropped when using apply");
        }
    }
}
