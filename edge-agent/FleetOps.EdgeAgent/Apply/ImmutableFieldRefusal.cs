using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// Reads a refused write (a 422 <c>Invalid</c> Status) cause by cause, and says whether deleting and recreating the
/// object could let the manifest apply: only when every cause is a field the API server lets no update change.
/// A refusal with any other cause (a selector that does not match its template labels, a bad label value) would be
/// refused again on create, after the working object was deleted; and a word "immutable" elsewhere in the body (an
/// object's name, a bad value, a webhook's prose) says nothing about the field.
/// </summary>
public static class ImmutableFieldRefusal
{
    // field.Invalid details, after the "Invalid value: <value>: " the cause message starts with.
    private static readonly string[] InvalidDetails =
    [
        "field is immutable",      // ValidateImmutableField: workload and Job selectors, Job template, Secret type, CRD scope, ...
        "cannot change roleRef",   // RoleBinding, ClusterRoleBinding
        "may not change once set", // Service clusterIP / clusterIPs
        "Value is immutable",      // the usual message of a CRD's CEL rule `self == oldSelf`
    ];

    // field.Forbidden details, after "Forbidden: ".
    private static readonly string[] ForbiddenPrefixes =
    [
        "field is immutable when `immutable` is set",         // ConfigMap and Secret data, binaryData, immutable
        "updates to statefulset spec for fields other than",  // StatefulSet: volumeClaimTemplates, serviceName, selector, ...
        "pod updates may not change fields other than",       // Pod spec
    ];

    /// <summary>True when <paramref name="status"/> refuses only fields that cannot change in place.</summary>
    public static bool RecreateCanHelp(JsonObject? status)
    {
        if (Text(status, "reason") != "Invalid" || status?["details"]?["causes"] is not JsonArray { Count: > 0 } causes)
            return false;
        return causes.All(c => c is JsonObject cause && IsImmutable(cause));
    }

    private static bool IsImmutable(JsonObject cause)
    {
        var message = Text(cause, "message") ?? "";
        return Text(cause, "reason") switch
        {
            "FieldValueInvalid" => InvalidDetails.Any(d => message.EndsWith(": " + d, StringComparison.Ordinal)),
            "FieldValueForbidden" when message.StartsWith("Forbidden: ", StringComparison.Ordinal) => Forbidden(message["Forbidden: ".Length..], Text(cause, "field")),
            _ => false,
        };
    }

    // PersistentVolumeClaim "spec is immutable after creation except ...", PersistentVolume
    // "spec.persistentvolumesource is immutable after creation": the detail names the refused field itself.
    private static bool Forbidden(string detail, string? field) =>
        ForbiddenPrefixes.Any(p => detail.StartsWith(p, StringComparison.Ordinal))
        || (field is { Length: > 0 } && detail.StartsWith(field + " is immutable after creation", StringComparison.Ordinal));

    private static string? Text(JsonObject? o, string key) => o?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
