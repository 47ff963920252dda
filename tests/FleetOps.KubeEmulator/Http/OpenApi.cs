using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Resources;

namespace FleetOps.KubeEmulator.Http;

/// <summary>
/// A minimal OpenAPI v3: the index and, per group/version, the PATCH operation of each kind with its
/// <c>fieldValidation</c> parameter. That is what kubectl reads to learn that the server validates fields
/// itself; with it kubectl skips client-side schema validation, which would need full schemas.
/// </summary>
internal static class OpenApi
{
    public static JsonObject Index(ResourceCatalog catalog, string clusterPrefix)
    {
        var paths = new JsonObject();
        foreach (var (group, version) in catalog.All.Select(t => (t.Group, t.Version)).Distinct())
        {
            var key = group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
            // client-go requests this URL as is, replacing the configured server path, so it carries the cluster prefix.
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"{clusterPrefix}/openapi/v3/{key}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject? GroupVersion(ResourceCatalog catalog, string group, string version, string gitVersion)
    {
        var types = catalog.All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
            return null;

        var paths = new JsonObject();
        foreach (var type in types)
        {
            var root = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
            var path = type.Namespaced ? $"{root}/namespaces/{{namespace}}/{type.Plural}/{{name}}" : $"{root}/{type.Plural}/{{name}}";
            paths[path] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{type.Kind}",
                    ["parameters"] = new JsonArray(
                        Query("dryRun"), Query("fieldManager"), Query("fieldValidation"), Query("force")),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = group, ["kind"] = type.Kind, ["version"] = version },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = gitVersion },
            ["paths"] = paths,
        };
    }

    private static JsonObject Query(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };
}
