using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Storage;
using FleetOps.Shared.Kubernetes;

namespace FleetOps.KubeEmulator.Validation;

/// <summary>
/// kube-apiserver's schema on the write path, from the shared <see cref="KubernetesSchema"/>, answered per verb as
/// 1.32 answers: a create or update body the decoder cannot read is 400 (<c>Deployment in version "v1" cannot be
/// handled as a Deployment: ...</c>), a patched object 422 on the field <c>patch</c>, an apply body that
/// structured-merge-diff cannot type 500 (<c>failed to create typed patch object</c>). Unknown fields follow
/// <c>fieldValidation</c> (apply refuses them always). What is stored is normalized and validated (422).
/// </summary>
internal static class SchemaGate
{
    /// <summary>A create or update body: decoded, its unknown fields refused, warned about or dropped; returns it normalized.</summary>
    public static JsonObject Decode(ObjectStore store, ResourceType type, JsonObject body, WriteOptions options)
    {
        var result = Check(store, type, body, serverSideApply: false);
        if (result.ErrorsOf(SchemaErrorKind.Decode).FirstOrDefault() is { } error)
            throw ApiErrors.BadRequest(CannotHandle(type, error.Message));

        UnknownFields(result.UnknownFieldMessages, options, strict => ApiErrors.BadRequest(CannotHandle(type, strict)));
        return result.Normalized;
    }

    /// <summary>The object a merge, strategic merge or JSON patch produced: refusals are 422 naming the patched object.</summary>
    public static JsonObject DecodePatched(ObjectStore store, ResourceType type, JsonObject patched, WriteOptions options)
    {
        var result = Check(store, type, patched, serverSideApply: false);
        if (result.ErrorsOf(SchemaErrorKind.Decode).FirstOrDefault() is { } error)
            throw ApiErrors.InvalidPatch(patched.ToJsonString(), error.Message);

        // The patched map is converted field by field, so the server finds its unknown fields in sorted order.
        var unknown = result.UnknownFieldMessages.Order(StringComparer.Ordinal);
        UnknownFields(unknown, options, strict => ApiErrors.InvalidPatch(patched.ToJsonString(), strict));
        return result.Normalized;
    }

    /// <summary>An apply body: what structured-merge-diff cannot type, or the decoder then cannot read, fails the request with 500.</summary>
    public static JsonObject DecodeApply(ObjectStore store, ResourceType type, JsonObject applied)
    {
        var result = Check(store, type, applied, serverSideApply: true);
        var typed = result.ErrorsOf(SchemaErrorKind.Apply).Select(e => e.Message).ToList();
        if (typed.Count > 0)
            throw ApiErrors.Internal($"failed to create typed patch object ({Identity(type, applied)}): {Join(typed)}");

        if (result.ErrorsOf(SchemaErrorKind.Decode).FirstOrDefault() is { } error)
        {
            throw ApiErrors.Internal($"failed to convert new object ({Identity(type, applied)}) to proper version: "
                + $"unable to convert unstructured object to {GroupVersionKind(type)}: error decoding from json: {error.Message}");
        }

        return result.Normalized;
    }

    /// <summary>The object to store, as the server stores it, and what validation refuses in it (422).</summary>
    public static (JsonObject Stored, List<FieldError> Invalid) Validate(ObjectStore store, ResourceType type, JsonObject candidate)
    {
        var result = Check(store, type, candidate, serverSideApply: false);
        var invalid = result.ErrorsOf(SchemaErrorKind.Invalid).Select(e => FieldError.Worded(e.Field, e.Reason!, e.Message)).ToList();
        return (result.Normalized, invalid);
    }

    /// <summary>The warnings for a written object: the request's, then validation's for built-in kinds (a hidden env name, say).</summary>
    public static IReadOnlyList<string> Warnings(ObjectStore store, ResourceType type, JsonObject written, WriteOptions options, string? subresource) =>
        subresource is null && type.BuiltIn ? [.. options.Warnings, .. Check(store, type, written, serverSideApply: false).Warnings] : options.Warnings;

    private static SchemaResult Check(ObjectStore store, ResourceType type, JsonObject obj, bool serverSideApply)
    {
        // A body may leave apiVersion and kind to the URL. A stored object already has them and is never changed.
        if (Json.String(obj["apiVersion"]) != type.ApiVersion)
            obj["apiVersion"] = type.ApiVersion;

        if (Json.String(obj["kind"]) != type.Kind)
            obj["kind"] = type.Kind;

        return KubernetesSchema.Check(obj, CustomResourceSchemaCache.OptionsFor(store, type, serverSideApply));
    }

    private static void UnknownFields(IEnumerable<string> unknownFields, WriteOptions options, Func<string, KubeApiException> refuse)
    {
        var messages = unknownFields.ToList();
        if (messages.Count == 0 || options.Validation == FieldValidation.Ignore)
            return;

        if (options.Validation == FieldValidation.Strict)
            throw refuse("strict decoding error: " + string.Join(", ", messages));

        options.Warnings.AddRange(messages);
    }

    private static string CannotHandle(ResourceType type, string message) =>
        $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: {message}";

    /// <summary>structured-merge-diff's errors joined as Go joins a list of them.</summary>
    private static string Join(List<string> errors) => errors.Count == 1 ? errors[0] : "errors:\n  " + string.Join("\n  ", errors);

    /// <summary>How the field manager names the applied object: <c>namespace/name; apps/v1, Kind=Deployment</c>, both as the body gives them.</summary>
    private static string Identity(ResourceType type, JsonObject applied)
    {
        var metadata = applied["metadata"] as JsonObject;
        return $"{Json.String(metadata?["namespace"])}/{Json.String(metadata?["name"])}; {GroupVersionKind(type)}";
    }

    private static string GroupVersionKind(ResourceType type) => $"{type.Group}/{type.Version}, Kind={type.Kind}";
}
