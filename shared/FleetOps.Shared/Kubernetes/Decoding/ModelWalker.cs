using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Shared.Kubernetes.Models;

namespace FleetOps.Shared.Kubernetes.Decoding;

/// <summary>
/// Walks a built-in object against its Go type's <see cref="Shape"/> as kube-apiserver's decoder reads it: type
/// errors in the decoder's words, unknown fields, and for a server-side apply what structured-merge-diff refuses.
/// With <c>fix</c> it rewrites the object in place as the server stores it (see <see cref="SchemaResult.Normalized"/>).
/// </summary>
internal sealed class ModelWalker(WalkReport report, bool fix, bool apply, PathStack? at = null)
{
    private readonly PathStack path = at ?? new PathStack();

    public void Walk(JsonObject obj, Shape shape) => WalkFields(obj, shape);

    private void WalkFields(JsonObject obj, Shape shape)
    {
        List<string>? dropped = null;
        List<(string Name, JsonNode? Value)>? replaced = null;
        foreach (var (name, value) in obj)
        {
            path.Push(PathSegment.Property(name), apply ? "." + name : "");
            if (shape.Fields.TryGetValue(name, out var field))
            {
                var outcome = Walk(value, field, shape.GoStruct, out var replacement);
                if (outcome == Outcome.Drop)
                    (dropped ??= []).Add(name);
                else if (outcome == Outcome.Replace)
                    (replaced ??= []).Add((name, replacement));
            }
            else
            {
                report.Unknown.Add(path.Snapshot());
                if (apply)
                    report.Apply(path.Snapshot(), path.MergePath(), TypedPatch.NotDeclared);

                (dropped ??= []).Add(name);
            }

            path.Pop();
        }

        if (!fix)
            return;

        foreach (var name in dropped ?? [])
            obj.Remove(name);

        foreach (var (name, value) in replaced ?? [])
            obj[name] = value;
    }

    /// <summary>
    /// A field's value: null and (as Go's omitempty does) empty lists and maps are dropped. A null timestamp stays:
    /// Go writes a zero metav1.Time as null (<c>lastProbeTime: null</c>), and the models do not say which are pointers.
    /// </summary>
    private Outcome Walk(JsonNode? value, Shape shape, string parentStruct, out JsonNode? replacement)
    {
        replacement = null;
        var kind = JsonText.KindOf(value);
        if (kind == JsonValueKind.Null)
            return shape.Kind == ShapeKind.Time ? Outcome.Keep : Outcome.Drop;

        switch (shape.Kind)
        {
            case ShapeKind.Object when value is JsonObject obj:
                WalkFields(obj, shape);
                return Outcome.Keep;
            case ShapeKind.List when value is JsonArray list:
                WalkList(list, shape, parentStruct);
                return list.Count == 0 ? Outcome.Drop : Outcome.Keep;
            case ShapeKind.Map when value is JsonObject map:
                WalkMap(map, shape, parentStruct);
                return map.Count == 0 ? Outcome.Drop : Outcome.Keep;
            case ShapeKind.Object or ShapeKind.List or ShapeKind.Map:
                Mismatch(value!, shape, parentStruct);
                return Outcome.Keep;
            default:
                return new ScalarCheck(report, path, apply).Check(value!, kind, shape, parentStruct, out replacement);
        }
    }

    /// <summary>A list item or map value: a null becomes the element's zero value, as Go decodes it; empties stay.</summary>
    private Outcome WalkElement(JsonNode? value, Shape shape, string parentStruct, out JsonNode? replacement)
    {
        if (JsonText.KindOf(value) == JsonValueKind.Null)
        {
            replacement = ScalarCheck.Zero(shape);
            return replacement is null ? Outcome.Keep : Outcome.Replace;
        }

        var outcome = Walk(value, shape, parentStruct, out replacement);
        return outcome == Outcome.Drop ? Outcome.Keep : outcome;
    }

    private void WalkList(JsonArray list, Shape shape, string parentStruct)
    {
        var keys = apply ? shape.ListKeys : null;
        var seen = keys is { Length: > 0 } ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i];
            var step = apply ? TypedPatch.Item(item, keys, i) : "";
            if (keys is { Length: > 0 } && TypedPatch.MissingKeyOf(item, keys) is { } missing)
                report.Apply(path.Snapshot(), path.MergePath(), TypedPatch.MissingKey(i, missing));
            else if (seen is not null && step.Contains('=') && !seen.Add(step))
                report.Apply(path.Snapshot(), path.MergePath(), TypedPatch.Duplicate(step));

            path.Push(PathSegment.Item(i), step);
            var outcome = WalkElement(item, shape.Element!, parentStruct, out var replacement);
            path.Pop();
            if (fix && outcome == Outcome.Replace)
                list[i] = replacement;
        }
    }

    private void WalkMap(JsonObject map, Shape shape, string parentStruct)
    {
        List<(string Key, JsonNode? Value)>? replaced = null;
        foreach (var (key, value) in map)
        {
            path.Push(PathSegment.Key(key), apply ? "." + key : "");
            if (WalkElement(value, shape.Element!, parentStruct, out var replacement) == Outcome.Replace)
                (replaced ??= []).Add((key, replacement));

            path.Pop();
        }

        if (fix)
        {
            foreach (var (key, value) in replaced ?? [])
                map[key] = value;
        }
    }

    private void Mismatch(JsonNode value, Shape shape, string parentStruct) =>
        new ScalarCheck(report, path, apply).Mismatch(value, shape, parentStruct);
}
