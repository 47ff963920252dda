using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Resources;

namespace FleetOps.KubeEmulator.Errors;

/// <summary>Builds the errors the real API server returns, with the same reasons, codes and messages.</summary>
internal static class ApiErrors
{
    public static KubeApiException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.GroupResource} \"{name}\" not found", Details(type, name));

    public static KubeApiException NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found", new JsonObject { ["name"] = ns, ["kind"] = "namespaces" });

    public static KubeApiException UnknownResource() =>
        new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static KubeApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.GroupResource} \"{name}\" already exists", Details(type, name));

    public static KubeApiException StaleResourceVersion(ResourceType type, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(type, name));

    public static KubeApiException Precondition(ResourceType type, string name, string detail) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": {detail}", Details(type, name));

    public static KubeApiException Invalid(ResourceType type, string name, IReadOnlyList<FieldError> errors)
    {
        var details = Details(type, name);
        details["kind"] = type.Kind;
        details["causes"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject
        {
            ["reason"] = e.Type,
            ["message"] = e.Body,
            ["field"] = e.Field,
        }).ToArray());
        var list = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors) + "]";
        return new KubeApiException(422, "Invalid", $"{type.QualifiedKind} \"{name}\" is invalid: {list}", details);
    }

    public static KubeApiException InvalidOptions(string kind, IReadOnlyList<FieldError> errors)
    {
        var details = new JsonObject
        {
            ["group"] = "meta.k8s.io",
            ["kind"] = kind,
            ["causes"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject
            {
                ["reason"] = e.Type,
                ["message"] = e.Body,
                ["field"] = e.Field,
            }).ToArray()),
        };
        var list = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors) + "]";
        return new KubeApiException(422, "Invalid", $"{kind}.meta.k8s.io \"\" is invalid: {list}", details);
    }

    public static KubeApiException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>An error the server returns as it is, not as a Status of its own: 500 without a reason.</summary>
    public static KubeApiException Internal(string message) => new(500, "", message);

    /// <summary>A patched object the decoder refuses: 422 on an unnamed kind, the cause on the field <c>patch</c> holding the object.</summary>
    public static KubeApiException InvalidPatch(string patched, string detail)
    {
        var error = FieldError.Invalid("patch", JsonValue.Create(patched), detail);
        var details = new JsonObject
        {
            ["kind"] = "",
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = error.Type, ["message"] = error.Body, ["field"] = error.Field }),
        };
        return new KubeApiException(422, "Invalid", $" \"\" is invalid: {error}", details);
    }

    public static KubeApiException Forbidden(ResourceType type, string name, string detail) =>
        new(403, "Forbidden", $"{type.GroupResource} \"{name}\" is forbidden: {detail}", Details(type, name));

    public static KubeApiException MethodNotAllowed(string method) =>
        new(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method})", new JsonObject());

    public static KubeApiException UnsupportedMediaType(string contentType, IEnumerable<string> accepted) =>
        new(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}",
            new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["reason"] = "UnsupportedMediaType", ["message"] = contentType }) });

    public static KubeApiException Gone(string message) => new(410, "Expired", message);

    public static KubeApiException ApplyConflict(JsonArray causes, string message) =>
        new(409, "Conflict", message, new JsonObject { ["causes"] = causes });

    private static JsonObject Details(ResourceType type, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
            details["group"] = type.Group;

        details["kind"] = type.Plural;
        return details;
    }
}
