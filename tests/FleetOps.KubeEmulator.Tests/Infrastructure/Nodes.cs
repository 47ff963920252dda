using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Autorest;

namespace FleetOps.KubeEmulator.Tests.Infrastructure;

/// <summary>Small conversions between KubernetesClient results and JSON nodes for assertions.</summary>
public static class Nodes
{
    public static JsonObject From(object value) => JsonNode.Parse(JsonSerializer.Serialize(value))!.AsObject();

    public static JsonObject Status(HttpOperationException e) => JsonNode.Parse(e.Response.Content)!.AsObject();

    /// <summary>The managedFields entry of a manager, or null.</summary>
    public static JsonObject? ManagedBy(JsonObject obj, string manager, string operation = "Apply") =>
        obj["metadata"]?["managedFields"]?.AsArray().OfType<JsonObject>()
            .FirstOrDefault(e => (string?)e["manager"] == manager && (string?)e["operation"] == operation);

    /// <summary>Whether a manager's FieldsV1 holds the path, e.g. <c>f:spec, f:replicas</c>.</summary>
    public static bool Owns(JsonObject obj, string manager, params string[] path)
    {
        JsonNode? node = obj["metadata"]?["managedFields"]?.AsArray().OfType<JsonObject>()
            .FirstOrDefault(e => (string?)e["manager"] == manager)?["fieldsV1"];
        foreach (var element in path)
            node = node?[element];

        return node is not null;
    }
}
