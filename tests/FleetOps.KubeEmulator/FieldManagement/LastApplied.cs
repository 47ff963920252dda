using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Resources;

namespace FleetOps.KubeEmulator.FieldManagement;

/// <summary>
/// How the API server helps kubectl move from client-side to server-side apply (its lastAppliedManager and
/// lastAppliedUpdater): the <c>kubectl</c> manager may take over the fields its client-side apply recorded in
/// the last-applied annotation, and keeps that annotation up to date while it exists.
/// </summary>
internal static class LastApplied
{
    public const string Annotation = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Only kubectl's own server-side manager gets this help; any other name opts out.</summary>
    private const string KubectlManager = "kubectl";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The conflicts kubectl's apply may not override: those outside what the annotation holds with the value the
    /// live object still has. Conflicts on unchanged last-applied fields are forced, as the server does.
    /// </summary>
    public static List<(ManagedFieldsEntry Owner, IReadOnlyList<string> Path)> Unallowed(
        List<(ManagedFieldsEntry Owner, IReadOnlyList<string> Path)> conflicts, JsonObject? live, string manager, ResourceType type)
    {
        if (manager != KubectlManager || live is null || Read(live, type) is not { } lastApplied)
            return conflicts;

        var lastSet = ObjectFields.Collect(FieldManager.TrackedView(lastApplied, type, null), type.BuiltIn, markMaps: false);
        bool Allowed(IReadOnlyList<string> path) =>
            lastSet.Contains(path) && JsonNode.DeepEquals(FieldPath.Resolve(lastApplied, path), FieldPath.Resolve(live, path));

        return conflicts.Where(c => !Allowed(c.Path)).ToList();
    }

    /// <summary>After kubectl's apply, the annotation (when the live object has one) becomes the applied configuration.</summary>
    public static void Sync(JsonObject merged, JsonObject? live, JsonObject applied, string manager)
    {
        if (manager != KubectlManager || string.IsNullOrEmpty((string?)live?["metadata"]?["annotations"]?[Annotation]))
            return;

        var configuration = (JsonObject)applied.DeepClone();
        if (configuration["metadata"]?["annotations"] is JsonObject annotations)
        {
            annotations.Remove(Annotation);
            if (annotations.Count == 0)
                configuration["metadata"]!.AsObject().Remove("annotations");
        }

        // Written as Go encodes an unstructured object: keys sorted, compact, one trailing newline.
        var text = Sorted(configuration)!.ToJsonString(Compact) + "\n";
        merged["metadata"]!["annotations"] ??= new JsonObject();
        merged["metadata"]!["annotations"]![Annotation] = text;
    }

    private static JsonObject? Read(JsonObject live, ResourceType type)
    {
        var text = (string?)live["metadata"]?["annotations"]?[Annotation];
        if (string.IsNullOrEmpty(text))
            return null;

        try
        {
            return JsonNode.Parse(text) is JsonObject obj && (string?)obj["apiVersion"] == type.ApiVersion ? obj : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        _ => node?.DeepClone(),
    };
}
