using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Resources;

namespace FleetOps.KubeEmulator.Http;

/// <summary>
/// The legacy discovery documents (<c>/api</c>, <c>/apis</c>, <c>/apis/{group}/{version}</c>). Clients that ask
/// for aggregated discovery get these too, answered as plain JSON, which client-go and kubectl fall back to.
/// </summary>
internal static class Discovery
{
    private static readonly string[] Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static JsonObject Version(string gitVersion)
    {
        var core = gitVersion.TrimStart('v').Split('+')[0].Split('.');
        return new JsonObject
        {
            ["major"] = core.ElementAtOrDefault(0) ?? "1",
            ["minor"] = core.ElementAtOrDefault(1) ?? "32",
            ["gitVersion"] = gitVersion,
            ["gitCommit"] = "0000000000000000000000000000000000000000",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2025-04-22T00:00:00Z",
            ["goVersion"] = "go1.23.6",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject Groups(ResourceCatalog catalog) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(catalog.Groups().Select(g => (JsonNode)Group(g.Group, g.Versions)).ToArray()),
    };

    public static JsonObject? Group(ResourceCatalog catalog, string name)
    {
        var group = catalog.Groups().FirstOrDefault(g => g.Group == name);
        if (group.Group is null)
            return null;

        var document = Group(group.Group, group.Versions);
        document["kind"] = "APIGroup";
        document["apiVersion"] = "v1";
        return document;
    }

    public static JsonObject Resources(ResourceCatalog catalog, string group, string version)
    {
        var resources = new JsonArray();
        foreach (var type in catalog.All.Where(t => t.Group == group && t.Version == version))
        {
            var resource = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray(Verbs.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
            };
            if (type.ShortNames.Length > 0)
                resource["shortNames"] = new JsonArray(type.ShortNames.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());

            if (type.Categories is { Length: > 0 } categories)
                resource["categories"] = new JsonArray(categories.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());

            resources.Add(resource);
            if (type.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = type.Plural + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = type.Namespaced,
                    ["kind"] = type.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }

            if (type.HasScale)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = type.Plural + "/scale",
                    ["singularName"] = "",
                    ["namespaced"] = type.Namespaced,
                    ["group"] = "autoscaling",
                    ["version"] = "v1",
                    ["kind"] = "Scale",
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject Group(string name, IReadOnlyList<string> versions) => new()
    {
        ["name"] = name,
        ["versions"] = new JsonArray(versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{name}/{v}", ["version"] = v }).ToArray()),
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{name}/{versions[0]}", ["version"] = versions[0] },
    };
}
