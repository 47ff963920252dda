using System.Text;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Serialization;
using k8s.Models;

namespace FleetOps.KubeEmulator.Validation;

/// <summary>
/// What an update may not change, with kube-apiserver 1.32's messages (pkg/apis/*/validation): workload selectors,
/// the StatefulSet and PersistentVolumeClaim specs, immutable ConfigMaps and Secrets, Secret types, binding roleRefs,
/// StorageClasses, Service cluster IPs, Job templates and CRD scopes.
/// </summary>
internal static class ImmutableFields
{
    private const string ImmutableWhenSet = "field is immutable when `immutable` is set";

    /// <summary>The StatefulSet spec fields an update may change; any other change is refused as a whole.</summary>
    private static readonly string[] MutableStatefulSetFields =
        ["replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];

    public static void Check(ResourceType type, JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        if (!type.BuiltIn)
            return;

        switch (type.Kind)
        {
            case "Deployment" or "DaemonSet" or "ReplicaSet":
                Selector(obj, old, errors);
                break;
            case "StatefulSet":
                StatefulSet(obj, old, errors);
                break;
            case "Job":
                Selector(obj, old, errors);
                Immutable("spec.template", obj["spec"]?["template"], old["spec"]?["template"], errors);
                break;
            case "Service":
                var before = (string?)old["spec"]?["clusterIP"];
                var after = (string?)obj["spec"]?["clusterIP"];
                if (!string.IsNullOrEmpty(before) && before != after)
                    errors.Add(FieldError.Invalid("spec.clusterIPs[0]", after, "may not change once set"));

                break;
            case "CustomResourceDefinition":
                Immutable("spec.scope", obj["spec"]?["scope"], old["spec"]?["scope"], errors);
                break;
            case "ConfigMap":
                ImmutableData(obj, old, ["data", "binaryData"], errors);
                break;
            case "Secret":
                Immutable("type", obj["type"], old["type"], errors);
                ImmutableData(obj, old, ["data"], errors);
                break;
            case "RoleBinding" or "ClusterRoleBinding":
                if (!RoleRefEqual(obj["roleRef"], old["roleRef"]))
                    errors.Add(FieldError.InvalidStruct("roleRef", GoValues.RoleRef(obj["roleRef"]), "cannot change roleRef"));

                break;
            case "PersistentVolumeClaim":
                ClaimSpec.Check(obj, old, errors);
                break;
            case "StorageClass":
                StorageClass(obj, old, errors);
                break;
        }
    }

    private static void Selector(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        var selector = obj["spec"]?["selector"];
        if (!Semantic.Equal(selector, old["spec"]?["selector"]))
            errors.Add(FieldError.InvalidStruct("spec.selector", GoValues.LabelSelector(selector), "field is immutable"));
    }

    private static void StatefulSet(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        if (!Semantic.Equal(Without(obj["spec"], MutableStatefulSetFields), Without(old["spec"], MutableStatefulSetFields)))
        {
            errors.Add(FieldError.Forbidden("spec",
                "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
        }
    }

    /// <summary>An immutable ConfigMap or Secret keeps its data and stays immutable (its metadata may still change).</summary>
    private static void ImmutableData(JsonObject obj, JsonObject old, string[] dataFields, List<FieldError> errors)
    {
        if (Json.Bool(old["immutable"]) != true)
            return;

        if (Json.Bool(obj["immutable"]) != true)
            errors.Add(FieldError.Forbidden("immutable", ImmutableWhenSet));

        foreach (var field in dataFields.Where(f => !JsonNode.DeepEquals(obj[f], old[f])))
            errors.Add(FieldError.Forbidden(field, ImmutableWhenSet));
    }

    private static bool RoleRefEqual(JsonNode? a, JsonNode? b) =>
        new[] { "apiGroup", "kind", "name" }.All(f => Json.Text(a?[f]) == Json.Text(b?[f]));

    private static void StorageClass(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        if (!Semantic.Equal(obj["parameters"], old["parameters"]))
            errors.Add(FieldError.Forbidden("parameters", "updates to parameters are forbidden."));

        if (Json.Text(obj["provisioner"]) != Json.Text(old["provisioner"]))
            errors.Add(FieldError.Forbidden("provisioner", "updates to provisioner are forbidden."));

        if (Json.Text(obj["reclaimPolicy"]) != Json.Text(old["reclaimPolicy"]))
            errors.Add(FieldError.Forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));

        Immutable("volumeBindingMode", obj["volumeBindingMode"], old["volumeBindingMode"], errors);
    }

    private static void Immutable(string field, JsonNode? now, JsonNode? before, List<FieldError> errors)
    {
        if (!Semantic.Equal(now, before))
            errors.Add(FieldError.Invalid(field, now?.DeepClone(), "field is immutable"));
    }

    private static JsonObject Without(JsonNode? spec, string[] fields)
    {
        var copy = spec?.DeepClone() as JsonObject ?? new JsonObject();
        foreach (var field in fields)
            copy.Remove(field);

        return copy;
    }

    /// <summary>PersistentVolumeClaim specs: immutable but for a first volumeName, a first class and, once bound, requests.</summary>
    private static class ClaimSpec
    {
        public static void Check(JsonObject obj, JsonObject old, List<FieldError> errors)
        {
            var now = obj["spec"]?.DeepClone() as JsonObject ?? new JsonObject();
            var before = old["spec"]?.DeepClone() as JsonObject ?? new JsonObject();
            if (string.IsNullOrEmpty((string?)before["volumeName"]))
                Copy(now, before, "volumeName");

            // A claim created without a class may be given one once (retroactive default StorageClass).
            if (before["storageClassName"] is null && old["metadata"]?["annotations"]?["volume.beta.kubernetes.io/storage-class"] is null)
                Copy(now, before, "storageClassName");

            var bound = (string?)old["status"]?["phase"] == "Bound";
            if (bound)
            {
                Copy(now, before, "volumeAttributesClassName");
                if (now["resources"]?["requests"] is JsonObject requests)
                {
                    requests.Remove("storage");
                    if (before["resources"]?["requests"]?["storage"] is { } storage)
                        requests["storage"] = storage.DeepClone();
                }
            }

            if (!Semantic.Equal(now, before))
            {
                errors.Add(FieldError.Forbidden("spec",
                    "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n" + Diff(before, now)));
            }

            var newSize = Quantity(obj["spec"]?["resources"]?["requests"]?["storage"]);
            var oldSize = Quantity(old["spec"]?["resources"]?["requests"]?["storage"]);
            var capacity = Quantity(old["status"]?["capacity"]?["storage"]) ?? 0;
            if (newSize < oldSize && newSize <= capacity)
                errors.Add(FieldError.Forbidden("spec.resources.requests.storage", "field can not be less than status.capacity"));
        }

        private static void Copy(JsonObject to, JsonObject from, string field)
        {
            to.Remove(field);
            if (from[field] is { } value)
                to[field] = value.DeepClone();
        }

        private static decimal? Quantity(JsonNode? value)
        {
            try
            {
                return value is null ? null : new ResourceQuantity(Json.Text(value)).ToDecimal();
            }
            catch (FormatException)
            {
                return null;
            }
        }

        /// <summary>
        /// The changed fields in the shape of go-cmp's diff of the internal spec (its exact layout, with every
        /// unchanged field elided or printed, is not reproduced: the first line is what clients match).
        /// </summary>
        private static string Diff(JsonObject before, JsonObject now)
        {
            var text = new StringBuilder("  core.PersistentVolumeClaimSpec{\n");
            foreach (var field in before.Select(p => p.Key).Union(now.Select(p => p.Key)).Where(f => !Semantic.Equal(before[f], now[f])))
            {
                var name = char.ToUpperInvariant(field[0]) + field[1..];
                text.Append("- \t").Append(name).Append(": ").Append(before[field]?.ToJsonString() ?? "nil").Append(",\n");
                text.Append("+ \t").Append(name).Append(": ").Append(now[field]?.ToJsonString() ?? "nil").Append(",\n");
            }

            return text.Append("  }\n").ToString();
        }
    }
}
