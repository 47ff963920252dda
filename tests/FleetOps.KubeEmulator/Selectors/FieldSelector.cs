using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Serialization;

namespace FleetOps.KubeEmulator.Selectors;

/// <summary>
/// A field selector (<c>metadata.name=web,metadata.namespace!=kube-system</c>). The API server supports a few
/// fields per kind; the emulator accepts any dotted path to a scalar, which is a superset.
/// </summary>
internal sealed class FieldSelector
{
    private readonly List<(string[] Path, string Value, bool Equal)> terms;

    private FieldSelector(List<(string[] Path, string Value, bool Equal)> terms) => this.terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The name a selector pins, so watches and lists for one object can skip the rest.</summary>
    public string? Name => terms.FirstOrDefault(t => t.Equal && t.Path is ["metadata", "name"]).Value;

    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Everything;

        var list = new List<(string[], string, bool)>();
        foreach (var part in text.Split(','))
        {
            var (op, index) = part.IndexOf("!=", StringComparison.Ordinal) is var ne and >= 0 ? ("!=", ne)
                : part.IndexOf("==", StringComparison.Ordinal) is var ee and >= 0 ? ("==", ee)
                : part.IndexOf('=') is var e and >= 0 ? ("=", e)
                : throw ApiErrors.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            var field = part[..index].Trim();
            var value = part[(index + op.Length)..].Trim();
            list.Add((field.Split('.'), value, op != "!="));
        }

        return new FieldSelector(list);
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (path, value, equal) in terms)
        {
            JsonNode? node = obj;
            foreach (var segment in path)
                node = node is JsonObject o ? o[segment] : null;

            var actual = Json.Text(node);
            if ((actual == value) != equal)
                return false;
        }

        return true;
    }
}
