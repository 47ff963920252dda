using System.Text.Json.Nodes;
using FleetOps.Shared.Kubernetes.Decoding;

namespace FleetOps.Shared.Kubernetes.Validation;

/// <summary>
/// Where rules report, in apimachinery's field.Error wording: <c>Required value</c>, <c>Invalid value: -1: ...</c>,
/// <c>Unsupported value: "Always": supported values: "OnFailure", "Never"</c>, <c>Duplicate value: "app"</c>.
/// </summary>
internal sealed class RuleContext(WalkReport report, bool serverSideApply)
{
    /// <summary>A server-side apply refuses duplicate keys itself, so the create/update warnings about them do not apply.</summary>
    public bool ServerSideApply => serverSideApply;

    public void Required(ObjectPath path, string detail = "") =>
        report.Invalid(path, "FieldValueRequired", detail.Length == 0 ? "Required value" : $"Required value: {detail}");

    public void Invalid(ObjectPath path, JsonNode? value, string detail) =>
        report.Invalid(path, "FieldValueInvalid", $"Invalid value: {JsonText.GoValue(value)}: {detail}");

    public void Invalid(ObjectPath path, string value, string detail) =>
        report.Invalid(path, "FieldValueInvalid", $"Invalid value: {Values.Quoted(value)}: {detail}");

    public void NotSupported(ObjectPath path, string value, IEnumerable<string> supported) =>
        report.Invalid(path, "FieldValueNotSupported",
            $"Unsupported value: {Values.Quoted(value)}: supported values: {string.Join(", ", supported.Select(Values.Quoted))}");

    public void NotSupported(ObjectPath path, JsonNode? value, IEnumerable<JsonNode?> supported) =>
        report.Invalid(path, "FieldValueNotSupported",
            $"Unsupported value: {JsonText.GoValue(value)}: supported values: {string.Join(", ", supported.Select(JsonText.GoValue))}");

    public void Duplicate(ObjectPath path, string value) =>
        report.Invalid(path, "FieldValueDuplicate", $"Duplicate value: {Values.Quoted(value)}");

    /// <summary>A custom resource value of the wrong JSON type: the bad value printed is the type's name.</summary>
    public void TypeInvalid(ObjectPath path, string valueType, string detail) =>
        report.Invalid(path, "FieldValueTypeInvalid", $"Invalid value: {Values.Quoted(valueType)}: {detail}");

    public void Warn(string text) => report.Warnings.Add(text);
}
