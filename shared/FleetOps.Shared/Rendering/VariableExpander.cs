using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace FleetOps.Shared.Rendering;

/// <summary>
/// Replaces <c>${cluster.id}</c>, <c>${cluster.labels.KEY}</c> and <c>${cluster.labels.KEY:=default}</c> in the
/// string values of one object. It works on parsed values, so whatever a label holds (quotes, newlines,
/// <c>{a: b}</c>) lands inside one string and can never become structure.
/// </summary>
internal sealed class VariableExpander(string clusterId, IReadOnlyDictionary<string, string> labels)
{
    private const string Open = "${cluster.";
    private const string LabelsPrefix = "labels.";
    private const string DefaultSeparator = ":=";

    /// <summary>A cheap look at the raw JSON, so objects without variables are reused as they are.</summary>
    public static bool MayReference(JsonElement content) =>
        JsonMarshal.GetRawUtf8Value(content).IndexOf("${cluster."u8) >= 0;

    /// <summary>The object with its variables replaced, or null after adding each problem found.</summary>
    public JsonElement? Expand(RenderedObject o, ProblemList problems)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var failed = false;
        using (var writer = new Utf8JsonWriter(buffer, ManifestJson.Options))
            Write(o.Content, writer, new FieldPath(), o, problems, ref failed);
        return failed ? null : ManifestJson.Parse(buffer.WrittenSpan);
    }

    private void Write(JsonElement value, Utf8JsonWriter writer, FieldPath path, RenderedObject o, ProblemList problems, ref bool failed)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    // Keys are never substituted: a key is structure, and the design promises values only.
                    writer.WritePropertyName(property.Name);
                    path.Push(property.Name);
                    Write(property.Value, writer, path, o, problems, ref failed);
                    path.Pop();
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    path.Push(index++);
                    Write(item, writer, path, o, problems, ref failed);
                    path.Pop();
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (text.Contains(Open, StringComparison.Ordinal))
                {
                    var expanded = ExpandText(text, path, o, problems);
                    failed |= expanded is null;
                    writer.WriteStringValue(expanded ?? text);
                }
                else
                {
                    writer.WriteStringValue(text);
                }
                break;
            default:
                // Numbers, booleans and null carry no variables; raw keeps big integers exact.
                value.WriteTo(writer);
                break;
        }
    }

    private string? ExpandText(string text, FieldPath path, RenderedObject o, ProblemList problems)
    {
        var result = new StringBuilder(text.Length);
        var ok = true;
        var i = 0;
        while (true)
        {
            var at = text.IndexOf(Open, i, StringComparison.Ordinal);
            if (at < 0)
            {
                result.Append(text, i, text.Length - i);
                break;
            }
            var close = text.IndexOf('}', at + Open.Length);

            // $${cluster...} is the escape for the text itself. Only cluster references are unescaped:
            // Makefiles and compose files in ConfigMaps use $${VAR} for their own purposes.
            if (at > i && text[at - 1] == '$')
            {
                var end = close < 0 ? text.Length : close + 1;
                result.Append(text, i, at - 1 - i).Append(text, at, end - at);
                i = end;
                continue;
            }

            result.Append(text, i, at - i);
            if (close < 0)
            {
                problems.Add(RenderErrorKind.InvalidVariable, $"{o.Subject}: {path}: '{text[at..]}' has no closing '}}'");
                return null;
            }
            var reference = text[at..(close + 1)];
            var name = text[(at + Open.Length)..close];
            // The value is inserted as is and not scanned again, so a label cannot smuggle in another reference.
            if (Resolve(name, reference, path, o, problems) is { } value)
                result.Append(value);
            else
                ok = false;
            i = close + 1;
        }
        return ok ? result.ToString() : null;
    }

    private string? Resolve(string name, string reference, FieldPath path, RenderedObject o, ProblemList problems)
    {
        if (name == "id")
            return clusterId;
        if (!name.StartsWith(LabelsPrefix, StringComparison.Ordinal))
        {
            problems.Add(RenderErrorKind.InvalidVariable, $"{o.Subject}: {path}: {reference} is not a cluster variable; use ${{cluster.id}}, ${{cluster.labels.KEY}} or ${{cluster.labels.KEY:=default}}, or write ${reference} for the text itself");
            return null;
        }

        var spec = name[LabelsPrefix.Length..];
        var split = spec.IndexOf(DefaultSeparator, StringComparison.Ordinal);
        var key = split < 0 ? spec : spec[..split];
        var fallback = split < 0 ? null : spec[(split + DefaultSeparator.Length)..];
        if (!IsLabelKey(key))
        {
            problems.Add(RenderErrorKind.InvalidVariable, $"{o.Subject}: {path}: {reference} does not name a label key (letters, digits, '.', '/', '-', '_'; a default follows ':=')");
            return null;
        }
        // As in the shell's ${VAR:=default}, an empty label takes the default too.
        if (labels.TryGetValue(key, out var label) && (label.Length > 0 || fallback is null))
            return label;
        if (fallback is not null)
            return fallback;
        problems.Add(RenderErrorKind.UndefinedVariable, $"{o.Subject}: {path}: {reference} is not defined: cluster '{clusterId}' has no label '{key}'; add the label to the cluster or give a default, like ${{cluster.labels.{key}:=VALUE}}");
        return null;
    }

    private static bool IsLabelKey(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '/' or '-' or '_');
}
