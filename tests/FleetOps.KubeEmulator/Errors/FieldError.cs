using System.Text.Json.Nodes;

namespace FleetOps.KubeEmulator.Errors;

/// <summary>One field validation error, rendered the way apimachinery's field.Error prints.</summary>
internal sealed record FieldError(string Field, string Type, string Detail, JsonNode? BadValue = null, string? PrintedValue = null, string? Rendered = null)
{
    /// <summary>A cause worded elsewhere already (by the shared KubernetesSchema), kept as it is.</summary>
    public static FieldError Worded(string field, string reason, string message) => new(field, reason, "", Rendered: message);

    public static FieldError Invalid(string field, JsonNode? value, string detail) => new(field, "FieldValueInvalid", detail, value ?? JsonValue.Create("null"));

    /// <summary>An invalid struct value, printed as the API server prints it (Go's <c>%#v</c>, see <c>GoValues</c>).</summary>
    public static FieldError InvalidStruct(string field, string printedValue, string detail) => new(field, "FieldValueInvalid", detail, null, printedValue);

    public static FieldError Required(string field, string detail) => new(field, "FieldValueRequired", detail);

    public static FieldError Forbidden(string field, string detail) => new(field, "FieldValueForbidden", detail);

    public static FieldError NotSupported(string field, JsonNode? value, IEnumerable<string> supported) =>
        new(field, "FieldValueNotSupported", "supported values: " + string.Join(", ", supported.Select(s => $"\"{s}\"")), value);

    /// <summary>The message without the field name, as used in a Status cause.</summary>
    public string Body => Rendered ?? Type switch
    {
        "FieldValueRequired" => Detail.Length == 0 ? "Required value" : $"Required value: {Detail}",
        "FieldValueForbidden" => $"Forbidden: {Detail}",
        "FieldValueNotSupported" => $"Unsupported value: {Render(BadValue)}: {Detail}",
        _ => $"Invalid value: {PrintedValue ?? Render(BadValue)}: {Detail}",
    };

    public override string ToString() => $"{Field}: {Body}";

    private static string Render(JsonNode? value) => value?.ToJsonString() ?? "null";
}
