using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.FieldManagement;
using FleetOps.KubeEmulator.Patching;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Storage;
using FleetOps.KubeEmulator.Validation;

namespace FleetOps.KubeEmulator.Writes;

/// <summary>
/// Create, update and patch: each checks its request against the URL and the stored object, builds the object
/// the request asks for (an apply merged by field ownership, other patches applied to the live object), and
/// commits it through the <see cref="ObjectWriter"/>. Callers hold the cluster lock.
/// </summary>
internal sealed class WriteVerbs(ObjectStore store, ObjectWriter writer, TimeProvider time)
{
    public JsonObject Create(ResourceType type, string ns, JsonObject body, WriteOptions options)
    {
        RequestChecks.CheckKind(type, body);
        body = SchemaGate.Decode(store, type, body, options);
        var metadata = RequestChecks.Metadata(body);
        ns = RequestChecks.CheckNamespace(type, ns, metadata);
        var name = (string?)metadata["name"];
        if (string.IsNullOrEmpty(name) && (string?)metadata["generateName"] is { Length: > 0 } prefix)
        {
            name = prefix + RandomSuffix();
            metadata["name"] = name;
        }

        if (string.IsNullOrEmpty(name))
            throw ApiErrors.Invalid(type, "", [FieldError.Required("metadata.name", "name or generateName is required")]);

        RequestChecks.RequireNamespace(store, type, ns, name);
        if (store.Find(type, ns, name) is not null)
            throw ApiErrors.AlreadyExists(type, name);

        metadata.Remove("managedFields");
        metadata.Remove("resourceVersion");
        return writer.Commit(type, null, body, options.FieldManager, isApply: false, options.DryRun, null);
    }

    /// <summary>A PUT; on the status subresource only the body's status is taken.</summary>
    public JsonObject Update(ResourceType type, string ns, string name, JsonObject body, WriteOptions options, string? subresource)
    {
        RequestChecks.CheckKind(type, body);
        body = SchemaGate.Decode(store, type, body, options);
        var metadata = RequestChecks.Metadata(body);
        RequestChecks.CheckName(name, metadata);
        RequestChecks.CheckNamespace(type, ns, metadata);
        var old = store.Find(type, ns, name) ?? throw ApiErrors.NotFound(type, name);
        RequestChecks.CheckResourceVersion(type, name, old, metadata);
        var candidate = body;
        if (subresource == "status")
        {
            candidate = (JsonObject)old.DeepClone();
            candidate["status"] = body["status"]?.DeepClone();
        }

        return writer.Commit(type, old, candidate, options.FieldManager, isApply: false, options.DryRun, subresource);
    }

    /// <summary>A PATCH, and whether it created the object (only an apply can).</summary>
    public (JsonObject Result, bool Created) Patch(ResourceType type, string ns, string name, PatchKind kind, JsonNode? patch, WriteOptions options, string? subresource)
    {
        var old = store.Find(type, ns, name);
        if (kind == PatchKind.Apply && subresource is null)
            return (Apply(type, ns, name, old, patch, options), old is null);

        if (old is null)
            throw ApiErrors.NotFound(type, name);

        return (PatchLive(type, name, old, kind, patch, options, subresource), false);
    }

    /// <summary>Server-side apply: the body is merged into the live object (or creates it) by field ownership.</summary>
    private JsonObject Apply(ResourceType type, string ns, string name, JsonObject? old, JsonNode? patch, WriteOptions options)
    {
        var applied = patch as JsonObject ?? throw ApiErrors.BadRequest("apply patch must be a JSON or YAML object");
        RequestChecks.CheckApplyKind(type, applied);
        applied = SchemaGate.DecodeApply(store, type, applied);
        var metadata = RequestChecks.Metadata(applied);
        RequestChecks.CheckName(name, metadata);
        RequestChecks.CheckNamespace(type, ns, metadata);
        if (old is null)
            RequestChecks.RequireNamespace(store, type, ns, name);
        else
            RequestChecks.CheckResourceVersion(type, name, old, metadata);

        var merged = FieldManager.Apply(old, applied, options.FieldManager, options.Force, type, Timestamps.Now(time));
        var mergedMetadata = RequestChecks.Metadata(merged);
        mergedMetadata["name"] = name;
        if (type.Namespaced)
            mergedMetadata["namespace"] = ns;

        return writer.Commit(type, old, merged, options.FieldManager, isApply: true, options.DryRun, null);
    }

    /// <summary>A merge, strategic merge or JSON patch applied to the live object; on the status subresource only status is taken.</summary>
    private JsonObject PatchLive(ResourceType type, string name, JsonObject old, PatchKind kind, JsonNode? patch, WriteOptions options, string? subresource)
    {
        var patched = SchemaGate.DecodePatched(store, type, ApplyPatch(old, kind, patch), options);
        var metadata = RequestChecks.Metadata(patched);
        if ((string?)metadata["name"] != name)
            throw ApiErrors.Invalid(type, name, [FieldError.Invalid("metadata.name", metadata["name"]?.DeepClone(), "field is immutable")]);

        if (metadata["resourceVersion"] is null)
            metadata["resourceVersion"] = old["metadata"]!["resourceVersion"]!.DeepClone();

        RequestChecks.CheckResourceVersion(type, name, old, metadata);
        var candidate = patched;
        if (subresource == "status")
        {
            candidate = (JsonObject)old.DeepClone();
            candidate["status"] = patched["status"]?.DeepClone();
        }

        return writer.Commit(type, old, candidate, options.FieldManager, isApply: false, options.DryRun, subresource);
    }

    private static JsonObject ApplyPatch(JsonObject old, PatchKind kind, JsonNode? patch)
    {
        var patched = kind switch
        {
            PatchKind.Merge => MergePatch.Apply(old, patch),
            PatchKind.Strategic => StrategicMergePatch.Apply(old, patch),
            PatchKind.Json => JsonPatch.Apply(old, patch),
            _ => MergePatch.Apply(old, patch),
        };
        return patched as JsonObject ?? throw ApiErrors.BadRequest("the patch did not produce an object");
    }

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Concat(Enumerable.Range(0, 5).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]));
    }
}
