using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Selectors;
using FleetOps.KubeEmulator.Serialization;

namespace FleetOps.KubeEmulator.Validation;

/// <summary>
/// The validation a real API server applies that manifests most often trip over: names, labels and
/// annotations, workload selectors, CRD names, and (in <see cref="ImmutableFields"/>) the immutable fields of an update.
/// </summary>
internal static class ObjectValidator
{
    public static List<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var errors = new List<FieldError>();
        ValidateMetadata(type, obj, errors);
        ValidateSpec(type, obj, errors);
        if (old is not null)
            ImmutableFields.Check(type, obj, old, errors);

        return errors;
    }

    private static void ValidateMetadata(ResourceType type, JsonObject obj, List<FieldError> errors)
    {
        var metadata = obj["metadata"] as JsonObject;
        var name = (string?)metadata?["name"];
        if (string.IsNullOrEmpty(name))
            errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        else if (CheckName(type, name) is { } problem)
            errors.Add(FieldError.Invalid("metadata.name", name, problem));

        foreach (var (key, value) in metadata?["labels"] as JsonObject ?? [])
        {
            if (Names.CheckQualifiedName(key) is { } keyProblem)
                errors.Add(FieldError.Invalid("metadata.labels", key, keyProblem));

            if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
                errors.Add(FieldError.Invalid($"metadata.labels", value?.DeepClone(), "label values must be strings"));
            else if (Names.CheckLabelValue(text) is { } valueProblem)
                errors.Add(FieldError.Invalid("metadata.labels", text, valueProblem));
        }

        foreach (var (key, value) in metadata?["annotations"] as JsonObject ?? [])
        {
            if (Names.CheckQualifiedName(key.ToLowerInvariant()) is { } keyProblem)
                errors.Add(FieldError.Invalid("metadata.annotations", key, keyProblem));

            if (value is not JsonValue v || !v.TryGetValue<string>(out _))
                errors.Add(FieldError.Invalid("metadata.annotations", value?.DeepClone(), "annotation values must be strings"));
        }
    }

    private static string? CheckName(ResourceType type, string name) => type.Kind switch
    {
        "Namespace" => Names.CheckDns1123Label(name),
        "Service" => Names.CheckDns1035Label(name),
        "Role" or "RoleBinding" or "ClusterRole" or "ClusterRoleBinding" =>
            name is "." or ".." || name.Contains('/') || name.Contains('%') ? $"may not contain '/' or '%' and may not be '.' or '..'" : null,
        _ => Names.CheckDns1123Subdomain(name),
    };

    private static void ValidateSpec(ResourceType type, JsonObject obj, List<FieldError> errors)
    {
        if (!type.BuiltIn)
            return;

        switch (type.Kind)
        {
            case "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet":
                ValidateWorkload(obj, errors);
                break;
            case "Job":
                ValidatePodTemplate(obj["spec"]?["template"], "spec.template", errors);
                break;
            case "Service":
                ValidateService(obj, errors);
                break;
            case "CustomResourceDefinition":
                ValidateCrd(obj, errors);
                break;
        }
    }

    private static void ValidateWorkload(JsonObject obj, List<FieldError> errors)
    {
        var selector = obj["spec"]?["selector"] as JsonObject;
        if (selector is null || selector.Count == 0)
        {
            errors.Add(FieldError.Required("spec.selector", ""));
        }
        else
        {
            var labels = obj["spec"]?["template"]?["metadata"]?["labels"] as JsonObject;
            if (!LabelSelector.FromObject(selector).Matches(labels))
                errors.Add(FieldError.Invalid("spec.template.metadata.labels", labels?.DeepClone(), "`selector` does not match template `labels`"));
        }

        ValidatePodTemplate(obj["spec"]?["template"], "spec.template", errors);
    }

    private static void ValidatePodTemplate(JsonNode? template, string path, List<FieldError> errors)
    {
        if (template?["spec"]?["containers"] is not JsonArray { Count: > 0 } containers)
        {
            errors.Add(FieldError.Required($"{path}.spec.containers", ""));
            return;
        }

        for (var i = 0; i < containers.Count; i++)
        {
            var name = (string?)containers[i]?["name"];
            if (string.IsNullOrEmpty(name))
                errors.Add(FieldError.Required($"{path}.spec.containers[{i}].name", ""));
            else if (Names.CheckDns1123Label(name) is { } problem)
                errors.Add(FieldError.Invalid($"{path}.spec.containers[{i}].name", name, problem));

            if (string.IsNullOrEmpty((string?)containers[i]?["image"]))
                errors.Add(FieldError.Required($"{path}.spec.containers[{i}].image", ""));
        }
    }

    private static void ValidateService(JsonObject obj, List<FieldError> errors)
    {
        string[] types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
        var type = (string?)obj["spec"]?["type"] ?? "ClusterIP";
        if (!types.Contains(type))
            errors.Add(FieldError.NotSupported("spec.type", type, types));

        var ports = obj["spec"]?["ports"] as JsonArray;
        var headless = (string?)obj["spec"]?["clusterIP"] == "None";
        if (type != "ExternalName" && !headless && (ports is null || ports.Count == 0))
            errors.Add(FieldError.Required("spec.ports", ""));

        for (var i = 0; i < (ports?.Count ?? 0); i++)
        {
            var port = ports![i]?["port"];
            if (Json.Long(port) is not (>= 1 and <= 65535))
                errors.Add(FieldError.Invalid($"spec.ports[{i}].port", port?.DeepClone(), "must be between 1 and 65535, inclusive"));
        }
    }

    private static void ValidateCrd(JsonObject obj, List<FieldError> errors)
    {
        var spec = obj["spec"] as JsonObject;
        var group = (string?)spec?["group"];
        var plural = (string?)spec?["names"]?["plural"];
        if (string.IsNullOrEmpty(group))
            errors.Add(FieldError.Required("spec.group", ""));

        if (string.IsNullOrEmpty(plural))
            errors.Add(FieldError.Required("spec.names.plural", ""));

        if (string.IsNullOrEmpty((string?)spec?["names"]?["kind"]))
            errors.Add(FieldError.Required("spec.names.kind", ""));

        var name = (string?)obj["metadata"]?["name"];
        if (group is not null && plural is not null && name != $"{plural}.{group}")
            errors.Add(FieldError.Invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));

        string[] scopes = ["Cluster", "Namespaced"];
        if (!scopes.Contains((string?)spec?["scope"]))
            errors.Add(FieldError.NotSupported("spec.scope", spec?["scope"]?.DeepClone(), scopes));

        var versions = spec?["versions"] as JsonArray;
        if (versions is null || versions.Count == 0)
            errors.Add(FieldError.Required("spec.versions", "must have exactly one version marked as storage version"));
        else if (versions.Count(v => Json.Bool(v?["storage"]) == true) != 1)
            errors.Add(FieldError.Invalid("spec.versions", versions.DeepClone(), "must have exactly one version marked as storage version"));
    }
}
