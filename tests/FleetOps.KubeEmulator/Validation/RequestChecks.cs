using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Storage;

namespace FleetOps.KubeEmulator.Validation;

/// <summary>
/// What a write request must agree with before anything is merged or stored: the URL it was sent to (kind,
/// name, namespace) and the stored state (the namespace exists, the resourceVersion is current).
/// <see cref="ObjectValidator"/> then judges the object itself.
/// </summary>
internal static class RequestChecks
{
    /// <summary>A body may omit apiVersion and kind; what it names must match the URL.</summary>
    public static void CheckKind(ResourceType type, JsonObject body)
    {
        var apiVersion = (string?)body["apiVersion"];
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.ApiVersion)
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");

        var kind = (string?)body["kind"];
        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
            throw ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind}) of the URL");
    }

    /// <summary>An apply patch must name its apiVersion and kind, and they must match the URL.</summary>
    public static void CheckApplyKind(ResourceType type, JsonObject applied)
    {
        var apiVersion = (string?)applied["apiVersion"];
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty((string?)applied["kind"]))
            throw ApiErrors.BadRequest("invalid object type: apiVersion and kind must be set in an apply patch");

        if (apiVersion != type.ApiVersion)
            throw ApiErrors.BadRequest($"Incorrect version specified in apply patch. Specified patch version: {apiVersion}, expected: {type.ApiVersion}");

        CheckKind(type, applied);
    }

    /// <summary>A body without a name takes the URL's; a different name is a bad request.</summary>
    public static void CheckName(string name, JsonObject metadata)
    {
        var bodyName = (string?)metadata["name"];
        if (string.IsNullOrEmpty(bodyName))
            metadata["name"] = name;
        else if (bodyName != name)
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
    }

    /// <summary>Sets the body's namespace from the URL (none for cluster-scoped kinds) and returns it.</summary>
    public static string CheckNamespace(ResourceType type, string ns, JsonObject metadata)
    {
        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
            return "";
        }

        var bodyNamespace = (string?)metadata["namespace"];
        if (!string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != ns)
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");

        metadata["namespace"] = ns;
        return ns;
    }

    /// <summary>A namespaced object can only be created in a namespace that exists and is not terminating.</summary>
    public static void RequireNamespace(ObjectStore store, ResourceType type, string ns, string name)
    {
        if (!type.Namespaced)
            return;

        var namespaceObject = store.Find(BuiltInResources.Namespace, "", ns) ?? throw ApiErrors.NamespaceNotFound(ns);
        if (namespaceObject["metadata"]?["deletionTimestamp"] is not null)
            throw ApiErrors.Forbidden(type, name, $"unable to create new content in namespace {ns} because it is being terminated");
    }

    /// <summary>A resourceVersion in the body is a precondition: it must be the stored one.</summary>
    public static void CheckResourceVersion(ResourceType type, string name, JsonObject old, JsonObject metadata)
    {
        var wanted = metadata["resourceVersion"];
        if (wanted is not null && Json.Text(wanted) is { Length: > 0 } rv && rv != (string?)old["metadata"]?["resourceVersion"])
            throw ApiErrors.StaleResourceVersion(type, name);
    }

    /// <summary>The body's metadata, added when absent; metadata that is not an object is a bad request.</summary>
    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
            return metadata;

        if (obj["metadata"] is not null)
            throw ApiErrors.BadRequest("metadata must be an object");

        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }
}
