using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Patching;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Selectors;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Storage;
using FleetOps.KubeEmulator.Validation;

namespace FleetOps.KubeEmulator.Writes;

/// <summary>
/// The <c>/scale</c> subresource: an autoscaling/v1 Scale view of a workload's replicas and selector; a PUT or patch
/// of it sets the workload's <c>spec.replicas</c>, recorded as an Update with subresource <c>scale</c>. Callers hold
/// the cluster lock.
/// </summary>
internal sealed class ScaleVerbs(ObjectStore store, ObjectWriter writer)
{
    /// <summary>How validation errors name a Scale (<c>Scale.autoscaling</c>).</summary>
    private static readonly ResourceType ScaleKind = new("autoscaling", "v1", "scale", "Scale", true, [], HasStatus: false, HasGeneration: false);

    private static readonly string[] PatchTypes = ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"];

    public static JsonObject View(JsonObject workload)
    {
        var metadata = workload["metadata"]!;
        var spec = new JsonObject();
        if (Json.Long(workload["spec"]?["replicas"]) is { } replicas and not 0)
            spec["replicas"] = replicas;

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = metadata["name"]?.DeepClone(),
                ["namespace"] = metadata["namespace"]?.DeepClone(),
                ["uid"] = metadata["uid"]?.DeepClone(),
                ["resourceVersion"] = metadata["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = metadata["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["replicas"] = Json.Long(workload["status"]?["replicas"]) ?? 0,
                ["selector"] = SelectorText.Format(workload["spec"]?["selector"] as JsonObject),
            },
        };
    }

    public JsonObject Read(ResourceType type, string ns, string name) => View(Find(type, ns, name));

    /// <summary>A PUT of a Scale: its spec.replicas (absent means 0) becomes the workload's.</summary>
    public JsonObject Update(ResourceType type, string ns, string name, JsonObject scale, WriteOptions options)
    {
        var old = Find(type, ns, name);
        RequestChecks.CheckKind(ScaleKind, scale);
        var metadata = RequestChecks.Metadata(scale);
        RequestChecks.CheckName(name, metadata);
        RequestChecks.CheckNamespace(type, ns, metadata);
        RequestChecks.CheckResourceVersion(type, name, old, metadata);
        var replicas = scale["spec"]?["replicas"] is { } value ? Json.Long(value) ?? throw ApiErrors.BadRequest("spec.replicas must be an integer") : 0;
        if (replicas < 0)
            throw ApiErrors.Invalid(ScaleKind, name, [FieldError.Invalid("spec.replicas", replicas, "must be greater than or equal to 0")]);

        var candidate = (JsonObject)old.DeepClone();
        candidate["spec"]!["replicas"] = replicas;
        return View(writer.Commit(type, old, candidate, options.FieldManager, isApply: false, options.DryRun, "scale"));
    }

    /// <summary>A patch of the Scale view, then stored as a PUT of the result would be.</summary>
    public JsonObject Patch(ResourceType type, string ns, string name, PatchKind kind, JsonNode? patch, WriteOptions options)
    {
        var view = View(Find(type, ns, name));
        var patched = kind switch
        {
            PatchKind.Json => JsonPatch.Apply(view, patch),
            PatchKind.Merge or PatchKind.Strategic => MergePatch.Apply(view, patch),
            _ => throw ApiErrors.UnsupportedMediaType("application/apply-patch+yaml", PatchTypes),
        };
        return Update(type, ns, name, patched as JsonObject ?? throw ApiErrors.BadRequest("the patch did not produce an object"), options);
    }

    private JsonObject Find(ResourceType type, string ns, string name) => store.Find(type, ns, name) ?? throw ApiErrors.NotFound(type, name);
}
