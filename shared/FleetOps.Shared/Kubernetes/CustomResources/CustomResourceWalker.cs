using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Shared.Kubernetes.Decoding;
using FleetOps.Shared.Kubernetes.Models;
using FleetOps.Shared.Kubernetes.Validation;

namespace FleetOps.Shared.Kubernetes.CustomResources;

/// <summary>
/// A custom resource against its CRD's structural schema, as kube-apiserver treats it: unknown fields pruned
/// (unless <c>x-kubernetes-preserve-unknown-fields</c>), <c>default</c>s applied at any depth, then types, required
/// fields, enums, bounds and patterns validated (422 Invalid). Metadata is checked as the ObjectMeta it is.
/// </summary>
internal sealed class CustomResourceWalker(WalkReport report, bool fix, bool apply)
{
    private readonly PathStack path = new();
    private readonly RuleContext rules = new(report, apply);

    public void Walk(JsonObject obj, StructuralSchema root) => WalkObject(obj, root, resource: true);

    private void WalkObject(JsonObject obj, StructuralSchema schema, bool resource)
    {
        List<string>? dropped = null;
        foreach (var name in obj.Select(p => p.Key).Order(StringComparer.Ordinal).ToList())
        {
            path.Push(PathSegment.Property(name), apply ? "." + name : "");
            if (resource && name is "apiVersion" or "kind")
            {
                path.Pop();
                continue;
            }

            if (resource && name == "metadata")
                Metadata(obj[name]);
            else if (Child(schema, name) is { } child)
                Settle(obj, name, WalkValue(obj[name], child, out var replacement), replacement, ref dropped);
            else if (!schema.PreserveUnknownFields && !schema.AnyAdditionalProperties)
                Prune(name, ref dropped);

            path.Pop();
        }

        foreach (var name in dropped ?? [])
            obj.Remove(name);

        Defaults(obj, schema);
        foreach (var required in schema.Required)
        {
            // A null the schema does not allow is pruned before validation; a default fills a missing field first.
            var property = schema.Properties.GetValueOrDefault(required);
            var present = obj.TryGetPropertyValue(required, out var value) && (value is not null || property?.Nullable == true);
            if (!present && property?.Default is null)
                rules.Required(path.Snapshot().Child(required));
        }
    }

    /// <summary>A custom resource's metadata is the ObjectMeta of every object, checked against KubernetesClient's model.</summary>
    private void Metadata(JsonNode? metadata)
    {
        if (metadata is JsonObject fields)
        {
            new ModelWalker(report, fix, apply, path).Walk(fields, ModelCatalog.ObjectMeta);
            return;
        }

        if (metadata is not null)
        {
            var where = path.Snapshot();
            var type = TypeName(metadata, JsonText.KindOf(metadata));
            rules.TypeInvalid(where, type, $"{where} in body must be of type object: {Values.Quoted(type)}");
        }
    }

    private static StructuralSchema? Child(StructuralSchema schema, string name) =>
        schema.Properties.GetValueOrDefault(name) ?? schema.AdditionalProperties;

    private void Prune(string name, ref List<string>? dropped)
    {
        report.Unknown.Add(path.Snapshot());
        if (apply)
            report.Apply(path.Snapshot(), path.MergePath(), TypedPatch.NotDeclared);

        if (fix)
            (dropped ??= []).Add(name);
    }

    private void Settle(JsonObject obj, string name, Outcome outcome, JsonNode? replacement, ref List<string>? dropped)
    {
        if (!fix)
            return;

        if (outcome == Outcome.Drop)
            (dropped ??= []).Add(name);
        else if (outcome == Outcome.Replace)
            obj[name] = replacement;
    }

    /// <summary>Missing properties with a default get it (then their own nested defaults), as the API server defaults on every read and write.</summary>
    private void Defaults(JsonObject obj, StructuralSchema schema)
    {
        foreach (var (name, property) in schema.Properties)
        {
            if (!fix || property.Default is null || obj[name] is not null)
                continue;

            var value = property.Default.DeepClone();
            obj[name] = value;
            path.Push(PathSegment.Property(name), "");
            WalkValue(value, property, out _);
            path.Pop();
        }
    }

    private Outcome WalkValue(JsonNode? value, StructuralSchema schema, out JsonNode? replacement)
    {
        replacement = null;
        var kind = JsonText.KindOf(value);
        if (kind == JsonValueKind.Null)
            return schema.Nullable ? Outcome.Keep : Outcome.Drop;

        if (schema.IntOrString)
            return IntOrString(value!, kind, out replacement);

        switch (schema.Type)
        {
            case "object" when value is JsonObject obj:
                WalkObject(obj, schema, resource: schema.EmbeddedResource);
                return Outcome.Keep;
            case "array" when value is JsonArray list:
                WalkList(list, schema);
                return Outcome.Keep;
            case "integer" when kind == JsonValueKind.Number && JsonText.Integer(value) is { } whole:
                Bounds(value!, whole);
                replacement = JsonValue.Create(whole);
                return Enumerated(value!, schema, JsonText.IsPlainInteger(value!, whole) ? Outcome.Keep : Outcome.Replace);
            case "number" when kind == JsonValueKind.Number:
                Bounds(value!, double.Parse(JsonText.Raw(value!), NumberStyles.Float, CultureInfo.InvariantCulture));
                return Enumerated(value!, schema, Outcome.Keep);
            case "string" when kind == JsonValueKind.String:
                Pattern(value!.GetValue<string>(), schema);
                return Enumerated(value, schema, Outcome.Keep);
            case "boolean" when kind is JsonValueKind.True or JsonValueKind.False:
                return Enumerated(value!, schema, Outcome.Keep);
            case null or "":
                return Outcome.Keep;
            default:
                var where = path.Snapshot();
                rules.TypeInvalid(where, TypeName(value!, kind), $"{where} in body must be of type {schema.Type}: {Values.Quoted(TypeName(value!, kind))}");
                return Outcome.Keep;
        }

        void Bounds(JsonNode node, double number)
        {
            var where = path.Snapshot();
            if (schema.Minimum is { } min && (schema.ExclusiveMinimum ? number <= min : number < min))
                rules.Invalid(where, node, $"{where} in body should be greater than {(schema.ExclusiveMinimum ? "" : "or equal to ")}{Format(min)}");

            if (schema.Maximum is { } max && (schema.ExclusiveMaximum ? number >= max : number > max))
                rules.Invalid(where, node, $"{where} in body should be less than {(schema.ExclusiveMaximum ? "" : "or equal to ")}{Format(max)}");
        }
    }

    private void WalkList(JsonArray list, StructuralSchema schema)
    {
        var keys = apply ? schema.ListKeys : null;
        var seen = keys is { Length: > 0 } ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (var i = 0; i < list.Count; i++)
        {
            var step = apply ? TypedPatch.Item(list[i], keys, i) : "";
            if (seen is not null && step.Contains('=') && !seen.Add(step))
                report.Apply(path.Snapshot(), path.MergePath(), TypedPatch.Duplicate(step));

            if (schema.Items is null)
                continue;

            path.Push(PathSegment.Item(i), step);
            var outcome = WalkValue(list[i], schema.Items, out var replacement);
            path.Pop();
            if (fix && outcome == Outcome.Replace)
                list[i] = replacement;
        }
    }

    private Outcome IntOrString(JsonNode value, JsonValueKind kind, out JsonNode? replacement)
    {
        replacement = null;
        if (kind == JsonValueKind.String)
            return Outcome.Keep;

        if (kind == JsonValueKind.Number && JsonText.Integer(value) is { } whole)
        {
            replacement = JsonValue.Create(whole);
            return JsonText.IsPlainInteger(value, whole) ? Outcome.Keep : Outcome.Replace;
        }

        var where = path.Snapshot();
        rules.TypeInvalid(where, TypeName(value, kind), $"{where} in body must be of type integer,string: {Values.Quoted(TypeName(value, kind))}");
        return Outcome.Keep;
    }

    private Outcome Enumerated(JsonNode value, StructuralSchema schema, Outcome outcome)
    {
        if (schema.Enum is { } allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value) || Same(a, value)))
            rules.NotSupported(path.Snapshot(), value, allowed.Select(a => (JsonNode?)(JsonText.String(a) is null ? JsonValue.Create(a?.ToJsonString() ?? "null") : a)));

        return outcome;
    }

    private void Pattern(string text, StructuralSchema schema)
    {
        if (schema.PatternRegex is not { } regex)
            return;

        try
        {
            if (!regex.IsMatch(text))
            {
                var where = path.Snapshot();
                rules.Invalid(where, text, $"{where} in body should match '{schema.Pattern}'");
            }
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            // A pattern too slow to judge is not held against the object.
        }
    }

    // Numbers compare by value: 3 and 3.0 are the same enum member.
    private static bool Same(JsonNode? a, JsonNode value) =>
        JsonText.KindOf(a) == JsonValueKind.Number && JsonText.KindOf(value) == JsonValueKind.Number
        && double.Parse(JsonText.Raw(a!), CultureInfo.InvariantCulture) == double.Parse(JsonText.Raw(value), CultureInfo.InvariantCulture);

    /// <summary>The JSON type kube-openapi names a value by: integer, number, string, boolean, object, array.</summary>
    private static string TypeName(JsonNode value, JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => long.TryParse(JsonText.Raw(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        _ => "string",
    };

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
