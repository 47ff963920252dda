using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FleetOps.Shared.Kubernetes.Models;

namespace FleetOps.Shared.Kubernetes.Decoding;

/// <summary>
/// One scalar against the Go type it decodes into: Go's JSON decoder errors (a string for an int32, 1.5 for an
/// int32, a bad quantity or base64 text), and its normalized form (3.0 is 3, 0.5 cpu is 500m, base64 re-encoded).
/// </summary>
internal readonly partial struct ScalarCheck(WalkReport report, PathStack path, bool apply)
{
    public Outcome Check(JsonNode value, JsonValueKind kind, Shape shape, string parentStruct, out JsonNode? replacement)
    {
        replacement = null;
        switch (shape.Kind)
        {
            case ShapeKind.Int32 or ShapeKind.Int64 when kind == JsonValueKind.Number:
                return Integer(value, shape, parentStruct, out replacement);
            case ShapeKind.Float when kind == JsonValueKind.Number:
            case ShapeKind.Bool when kind is JsonValueKind.True or JsonValueKind.False:
            case ShapeKind.String when kind == JsonValueKind.String:
            case ShapeKind.Any:
                return Outcome.Keep;
            case ShapeKind.Bytes when kind == JsonValueKind.String:
                return Bytes(value.GetValue<string>(), out replacement);
            case ShapeKind.Time when kind == JsonValueKind.String:
                return Time(value.GetValue<string>());
            case ShapeKind.Time when !apply:
                // metav1.Time reads a JSON string first, without the field's context.
                report.Decode(path.Snapshot(), $"json: cannot unmarshal {JsonText.GoWord(kind)} into Go value of type string");
                return Outcome.Keep;
            case ShapeKind.Quantity:
                return Quantity(value, kind, out replacement);
            case ShapeKind.IntOrString:
                return IntOrString(value, kind, out replacement);
            default:
                Mismatch(value, shape, parentStruct);
                return Outcome.Keep;
        }
    }

    /// <summary>A value of the wrong JSON type: structured-merge-diff's refusal for an apply, else the decoder's.</summary>
    public void Mismatch(JsonNode value, Shape shape, string parentStruct)
    {
        if (apply && TypedPatch.Expected(shape.Kind, value) is { } expected)
        {
            report.Apply(path.Snapshot(), path.MergePath(), expected);
            return;
        }

        var word = JsonText.GoWord(JsonText.KindOf(value));
        report.Decode(path.Snapshot(), $"json: cannot unmarshal {word} into Go struct field {parentStruct}.{path.GoField()} of type {shape.GoType}");
    }

    /// <summary>What Go stores for a null list item or map value.</summary>
    public static JsonNode? Zero(Shape shape) => shape.Kind switch
    {
        ShapeKind.String => JsonValue.Create(""),
        ShapeKind.Int32 or ShapeKind.Int64 or ShapeKind.Float or ShapeKind.IntOrString => JsonValue.Create(0),
        ShapeKind.Bool => JsonValue.Create(false),
        ShapeKind.Quantity => JsonValue.Create("0"),
        ShapeKind.Object => new JsonObject(),
        _ => null,
    };

    private Outcome Integer(JsonNode value, Shape shape, string parentStruct, out JsonNode? replacement)
    {
        replacement = null;
        var (min, max) = shape.Kind == ShapeKind.Int32 ? (int.MinValue, int.MaxValue) : (long.MinValue, long.MaxValue);
        if (JsonText.Integer(value) is { } whole && whole >= min && whole <= max)
        {
            if (JsonText.IsPlainInteger(value, whole))
                return Outcome.Keep;

            replacement = JsonValue.Create(whole);
            return Outcome.Replace;
        }

        report.Decode(path.Snapshot(), $"json: cannot unmarshal number {JsonText.Raw(value)} into Go struct field {parentStruct}.{path.GoField()} of type {shape.GoType}");
        return Outcome.Keep;
    }

    private Outcome Bytes(string text, out JsonNode? replacement)
    {
        replacement = null;
        var bytes = GoBase64.Decode(text, out var offset);
        if (bytes is null)
        {
            report.Decode(path.Snapshot(), $"illegal base64 data at input byte {offset}");
            return Outcome.Keep;
        }

        var canonical = Convert.ToBase64String(bytes);
        if (canonical == text)
            return Outcome.Keep;

        replacement = JsonValue.Create(canonical);
        return Outcome.Replace;
    }

    private Outcome Time(string text)
    {
        if (!Rfc3339().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            report.Decode(path.Snapshot(), $"parsing time \"{text}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{text}\" as \"2006\"");

        return Outcome.Keep;
    }

    private Outcome Quantity(JsonNode value, JsonValueKind kind, out JsonNode? replacement)
    {
        replacement = null;
        // Quantity.UnmarshalJSON parses the raw JSON text, quotes stripped: 0.5 and "0.5" are the same quantity.
        var text = kind == JsonValueKind.String ? value.GetValue<string>() : JsonText.Raw(value);
        if (GoQuantity.Canonical(text, out var error) is not { } canonical)
        {
            report.Decode(path.Snapshot(), error!);
            return Outcome.Keep;
        }

        if (kind == JsonValueKind.String && canonical == text)
            return Outcome.Keep;

        replacement = JsonValue.Create(canonical);
        return Outcome.Replace;
    }

    private Outcome IntOrString(JsonNode value, JsonValueKind kind, out JsonNode? replacement)
    {
        replacement = null;
        if (kind == JsonValueKind.String)
            return Outcome.Keep;

        // IntOrString.UnmarshalJSON reads anything but a string as an int32, without the field's context.
        if (kind == JsonValueKind.Number && JsonText.Integer(value) is { } whole && whole is >= int.MinValue and <= int.MaxValue)
        {
            if (JsonText.IsPlainInteger(value, whole))
                return Outcome.Keep;

            replacement = JsonValue.Create((int)whole);
            return Outcome.Replace;
        }

        var word = kind == JsonValueKind.Number ? "number " + JsonText.Raw(value) : JsonText.GoWord(kind);
        report.Decode(path.Snapshot(), $"json: cannot unmarshal {word} into Go value of type int32");
        return Outcome.Keep;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
