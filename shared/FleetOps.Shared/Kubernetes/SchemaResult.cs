using System.Text.Json.Nodes;

namespace FleetOps.Shared.Kubernetes;

/// <summary>
/// What kube-apiserver would make of one object: every error (not only the first), the fields it would drop as
/// unknown, the warnings it would send, and the object as it would store it (<see cref="Normalized"/>).
/// </summary>
public sealed class SchemaResult
{
    private readonly Lazy<JsonObject> normalized;

    internal SchemaResult(bool hasSchema, IReadOnlyList<SchemaError> errors, IReadOnlyList<ObjectPath> unknownFields, IReadOnlyList<string> warnings, Func<JsonObject> normalize)
    {
        HasSchema = hasSchema;
        Errors = errors;
        UnknownFields = unknownFields;
        Warnings = warnings;
        normalized = new Lazy<JsonObject>(normalize);
    }

    /// <summary>False when no schema is known for the apiVersion and kind (a custom resource without its CRD): nothing was checked.</summary>
    public bool HasSchema { get; }

    public IReadOnlyList<SchemaError> Errors { get; }

    /// <summary>Fields the schema does not declare, in the order kube-apiserver lists them (<c>unknown field "spec.replica"</c>).</summary>
    public IReadOnlyList<ObjectPath> UnknownFields { get; }

    /// <summary>The unknown fields as kube-apiserver words each in a warning or a strict decoding error: <c>unknown field "spec.replica"</c>.</summary>
    public IEnumerable<string> UnknownFieldMessages => UnknownFields.Select(p => $"unknown field \"{p}\"");

    /// <summary>Warnings kube-apiserver sends with a create or update that it accepts, e.g. a duplicate env name.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public bool IsValid => Errors.Count == 0;

    /// <summary>
    /// The object as the server stores it: unknown fields dropped, quantities canonical (<c>0.5</c> is <c>500m</c>),
    /// integers as integers, base64 re-encoded, empty optional lists and maps omitted, nulls omitted (null
    /// timestamps excepted, as Go writes them), CRD defaults applied. Computed on first use; a new object the caller owns. Fields with errors are left as they were.
    /// </summary>
    public JsonObject Normalized => normalized.Value;

    public IEnumerable<SchemaError> ErrorsOf(SchemaErrorKind kind) => Errors.Where(e => e.Kind == kind);
}
