using System.Text.Json.Nodes;

namespace FleetOps.Shared.Kubernetes.Validation;

/// <summary>Ingresses: every HTTP path names its pathType (networking.k8s.io/v1 has no default), Exact and Prefix paths are absolute.</summary>
internal static class IngressRules
{
    private static readonly string[] PathTypes = ["Exact", "ImplementationSpecific", "Prefix"];

    public static void Ingress(JsonObject obj, RuleContext context)
    {
        var rules = Values.Items(Values.At(Values.At(obj, "spec"), "rules"));
        for (var i = 0; i < rules.Count; i++)
        {
            var paths = Values.Items(Values.At(Values.At(rules[i], "http"), "paths"));
            for (var j = 0; j < paths.Count; j++)
                HttpPath(paths[j], ObjectPath.Root.Child("spec").Child("rules").Index(i).Child("http").Child("paths").Index(j), context);
        }
    }

    private static void HttpPath(JsonNode? httpPath, ObjectPath path, RuleContext context)
    {
        if (Values.At(httpPath, "pathType") is not { } pathType)
        {
            context.Required(path.Child("pathType"), "pathType must be specified");
            return;
        }

        switch (Values.Text(pathType))
        {
            case "Exact" or "Prefix":
                var value = Values.Text(Values.At(httpPath, "path")) ?? "";
                if (!value.StartsWith('/'))
                    context.Invalid(path.Child("path"), value, "must be an absolute path");

                break;
            case "ImplementationSpecific" or null:
                break;
            case var other:
                context.NotSupported(path.Child("pathType"), other, PathTypes);
                break;
        }
    }
}
