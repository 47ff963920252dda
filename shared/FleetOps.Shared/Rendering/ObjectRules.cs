using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace FleetOps.Shared.Rendering;

/// <summary>
/// Turns parsed documents into objects the agent can apply: expands Lists, requires text apiVersion,
/// kind and metadata.name, and refuses two objects with the same identity.
/// </summary>
internal static class ObjectRules
{
    public static ImmutableArray<RenderedObject> Collect(IEnumerable<ManifestDocument> documents, ProblemList problems)
    {
        var objects = ImmutableArray.CreateBuilder<RenderedObject>();
        var seen = new Dictionary<ObjectKey, RenderedObject>();
        foreach (var document in documents)
        {
            foreach (var item in Expand(document, problems))
            {
                if (!TryIdentify(item, problems, out var rendered))
                    continue;
                if (seen.TryGetValue(ObjectKey.Of(rendered), out var first))
                {
                    problems.Add(RenderErrorKind.DuplicateObject, $"{rendered.Source}: {rendered.Subject} is defined twice (first at {first.Source}); keep one of them");
                    continue;
                }
                seen.Add(ObjectKey.Of(rendered), rendered);
                objects.Add(rendered);
            }
        }
        return objects.ToImmutable();
    }

    /// <summary><c>kind: List</c> and every <c>*List</c> with items stand for their items, as in kubectl.</summary>
    private static IEnumerable<ManifestDocument> Expand(ManifestDocument document, ProblemList problems)
    {
        var content = document.Content;
        if (content.ValueKind != JsonValueKind.Object
            || !content.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String
            || !kind.GetString()!.EndsWith("List", StringComparison.Ordinal)
            || !content.TryGetProperty("items", out var items))
        {
            yield return document;
            yield break;
        }
        if (items.ValueKind == JsonValueKind.Null)
            yield break;
        if (items.ValueKind != JsonValueKind.Array)
        {
            problems.Add(RenderErrorKind.InvalidObject, $"{document.Source}: {kind.GetString()}: items must be a list, not {Describe(items)}");
            yield break;
        }

        var itemNodes = (document.Node as ManifestMapping)?.Find("items") as ManifestSequence;
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var node = itemNodes is not null && index < itemNodes.Items.Count ? itemNodes.Items[index] : null;
            var source = document.Source.Line is null ? document.Source : document.Source with { Line = node?.Line ?? document.Source.Line };
            foreach (var nested in Expand(new ManifestDocument(item, source, node), problems))
                yield return nested;
            index++;
        }
    }

    private static bool TryIdentify(ManifestDocument document, ProblemList problems, [NotNullWhen(true)] out RenderedObject? rendered)
    {
        rendered = null;
        var content = document.Content;
        if (content.ValueKind != JsonValueKind.Object)
        {
            problems.Add(RenderErrorKind.InvalidObject, $"{document.Source}: document is {Describe(content)}, not a Kubernetes object (a mapping with apiVersion, kind and metadata)");
            return false;
        }

        var issues = new List<(string Field, string Problem)>();
        var apiVersion = ReadText(content, "apiVersion", "apiVersion", issues);
        if (apiVersion is not null && !IsGroupVersion(apiVersion))
            issues.Add(("apiVersion", $"apiVersion '{apiVersion}' is not 'version' or 'group/version' (like 'v1' or 'apps/v1')"));
        var kind = ReadText(content, "kind", "kind", issues);
        string? name = null;
        string? @namespace = null;
        if (!content.TryGetProperty("metadata", out var metadata) || metadata.ValueKind == JsonValueKind.Null)
        {
            issues.Add(("metadata", "metadata.name is missing"));
        }
        else if (metadata.ValueKind != JsonValueKind.Object)
        {
            issues.Add(("metadata", $"metadata must be a mapping, not {Describe(metadata)}"));
        }
        else
        {
            name = ReadText(metadata, "name", "metadata.name", issues);
            if (name is null && metadata.TryGetProperty("generateName", out _) && !metadata.TryGetProperty("name", out _))
                issues[^1] = (issues[^1].Field, issues[^1].Problem + " (metadata.generateName is not supported: GitOps needs a fixed name to apply and prune an object)");
            if (metadata.TryGetProperty("namespace", out var ns) && ns.ValueKind != JsonValueKind.Null)
            {
                if (ns.ValueKind == JsonValueKind.String)
                    @namespace = ns.GetString() is { Length: > 0 } text ? text : null;
                else
                    issues.Add(("metadata.namespace", $"metadata.namespace must be text, not {Describe(ns)}"));
            }
        }

        if (issues.Count > 0)
        {
            var what = Describe(kind, name);
            foreach (var (field, problem) in issues)
                problems.Add(RenderErrorKind.InvalidObject, $"{Locate(document, field)}: {what}: {problem}");
            return false;
        }
        rendered = new RenderedObject(apiVersion!, kind!, @namespace, name!, content, document.Source);
        return true;
    }

    private static string? ReadText(JsonElement parent, string property, string path, List<(string Field, string Problem)> issues)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            issues.Add((path, $"{path} is missing"));
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            var hint = value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False ? $" (quote it: \"{value.GetRawText()}\")" : "";
            issues.Add((path, $"{path} must be text, not {Describe(value)}{hint}"));
            return null;
        }
        var text = value.GetString()!;
        if (text.Length == 0)
        {
            issues.Add((path, $"{path} is empty"));
            return null;
        }
        return text;
    }

    private static bool IsGroupVersion(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/');
        return slash < 0 || slash > 0 && slash < apiVersion.Length - 1 && apiVersion.IndexOf('/', slash + 1) < 0;
    }

    /// <summary>The line of the field the problem is about when the YAML is at hand, else the object's own place.</summary>
    private static string Locate(ManifestDocument document, string field)
    {
        if (document.Source.Line is null || document.Node is not ManifestMapping node)
            return document.Source.ToString();
        ManifestNode? current = node;
        foreach (var part in field.Split('.'))
            current = (current as ManifestMapping)?.Find(part);
        return current is null ? document.Source.ToString() : (document.Source with { Line = current.Line }).ToString();
    }

    private static string Describe(string? kind, string? name) => (kind, name) switch
    {
        (not null, not null) => $"{kind} '{name}'",
        (not null, null) => kind,
        (null, not null) => $"object '{name}'",
        _ => "object",
    };

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "a mapping",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "text",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        _ => "null",
    };
}
