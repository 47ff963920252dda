using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FleetOps.Shared.Kubernetes;
using FleetOps.Shared.Rendering;

namespace FleetOps.Hub.Source;

/// <summary>
/// After rendering, refuse what no store could apply: every object of a built-in kind, and every custom resource
/// whose CRD is in the same render, is checked as kube-apiserver 1.32 checks a server-side apply body (types,
/// unknown fields, the validation rules in <see cref="KubernetesSchema"/>). A failure refuses the group's target
/// exactly like a render error, so a bad manifest never reaches a single store.
/// </summary>
/// <remarks>
/// Cluster variables are substituted at the agent, into string values only, so a value's type is already final
/// here. What a variable's value will be is not: a string holding <c>${cluster...}</c> is checked with a neutral
/// stand-in, and an error on such a field is not held against the group (a quantity, name or label value made of
/// a variable is checked by the store's API server when it is applied).
/// </remarks>
internal static partial class Preflight
{
    /// <summary>At most this many problems are named in the error; the rest are counted.</summary>
    internal const int Shown = 5;

    private const string StandIn = "x";

    /// <summary>Null when every object passes; otherwise one message naming each object, field and problem.</summary>
    public static string? Check(IReadOnlyList<RenderedObject> objects)
    {
        var definitions = CustomResourceSchemas.From(objects
            .Where(o => o.Group == "apiextensions.k8s.io" && o.Kind == "CustomResourceDefinition")
            .Select(o => o.ToJsonObject()));
        var options = new SchemaOptions { ServerSideApply = true, CustomResources = definitions };

        var problems = new List<string>();
        foreach (var o in objects)
        {
            var body = o.ToJsonObject();
            var variableFields = new HashSet<string>(StringComparer.Ordinal);
            ReplaceVariables(body, "", variableFields);
            var result = KubernetesSchema.Check(body, options);
            problems.AddRange(result.Errors
                .Where(e => !variableFields.Contains(MapKeysAsProperties(e.Field)))
                .Select(e => $"{o.Subject}: {Describe(e)}"));
        }

        if (problems.Count == 0)
            return null;
        var more = problems.Count > Shown ? $" (and {problems.Count - Shown} more)" : "";
        return $"preflight: no store could apply {Plural(problems.Count, "problem")}: {string.Join("; ", problems.Take(Shown))}{more}";
    }

    private static string Describe(SchemaError e) =>
        e.Kind == SchemaErrorKind.Invalid || e.Message.Contains(e.Field, StringComparison.Ordinal) ? e.ToString() : $"{e.Field}: {e.Message}";

    // Paths as kube-apiserver writes them (spec.containers[0].image), so errors can be matched to the fields that hold variables.
    private static void ReplaceVariables(JsonNode? node, string path, HashSet<string> variableFields)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    var child = path.Length == 0 ? key : $"{path}.{key}";
                    if (IsVariable(value))
                    {
                        variableFields.Add(child);
                        o[key] = StandIn;
                    }
                    else
                    {
                        ReplaceVariables(value, child, variableFields);
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var child = $"{path}[{i}]";
                    if (IsVariable(a[i]))
                    {
                        variableFields.Add(child);
                        a[i] = StandIn;
                    }
                    else
                    {
                        ReplaceVariables(a[i], child, variableFields);
                    }
                }
                break;
        }
    }

    // kube-apiserver writes a map key as [key] (metadata.labels[app]); the walk above cannot tell maps from structs.
    private static string MapKeysAsProperties(string field) => MapKey().Replace(field, ".$1");

    [GeneratedRegex(@"\[([^\]0-9][^\]]*)\]")]
    private static partial Regex MapKey();

    private static bool IsVariable(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Contains("${cluster.", StringComparison.Ordinal);

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
