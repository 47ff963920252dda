using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Serialization;

namespace FleetOps.KubeEmulator.Resources;

/// <summary>
/// What one cluster serves: the built-in kinds plus the kinds of its Established CRDs.
/// Replaced wholesale when a CRD changes, so readers never see a half-updated list.
/// </summary>
internal sealed class ResourceCatalog
{
    private static readonly Dictionary<(string, string, string), ResourceType> BuiltInByPath =
        BuiltInResources.Types.ToDictionary(t => (t.Group, t.Version, t.Plural));

    private static readonly Dictionary<(string, string), ResourceType> BuiltInByKind =
        BuiltInResources.Types.ToDictionary(t => (t.ApiVersion, t.Kind));

    private IReadOnlyList<ResourceType> custom = [];

    public IReadOnlyList<ResourceType> Custom => custom;

    public IEnumerable<ResourceType> All => BuiltInResources.Types.Concat(custom);

    public ResourceType? Find(string group, string version, string plural) =>
        BuiltInByPath.TryGetValue((group, version, plural), out var type)
            ? type
            : custom.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    public ResourceType? FindByKind(string apiVersion, string kind) =>
        BuiltInByKind.TryGetValue((apiVersion, kind), out var type)
            ? type
            : custom.FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind);

    /// <summary>Whether discovery should answer for this group/version.</summary>
    public bool IsServedGroupVersion(string group, string version) =>
        All.Any(t => t.Group == group && t.Version == version);

    /// <summary>Groups in the order discovery lists them, each with its versions, preferred first.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups() =>
        All.Where(t => t.Group.Length > 0)
            .GroupBy(t => t.Group)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(t => t.Version).Distinct().ToList()))
            .ToList();

    public void SetCustomResourceDefinitions(IEnumerable<JsonObject> establishedCrds)
    {
        custom = establishedCrds.SelectMany(FromCrd).ToList();
    }

    /// <summary>Serves the kinds of those <paramref name="crds"/> that are Established and not being deleted.</summary>
    public void ServeEstablished(IEnumerable<JsonObject> crds) => SetCustomResourceDefinitions(crds.Where(IsEstablished));

    public static IEnumerable<ResourceType> FromCrd(JsonObject crd)
    {
        var spec = crd["spec"]!.AsObject();
        var group = (string)spec["group"]!;
        var names = spec["names"]!.AsObject();
        var plural = (string)names["plural"]!;
        var kind = (string)names["kind"]!;
        var shortNames = names["shortNames"]?.AsArray().Select(n => (string)n!).ToArray() ?? [];
        var categories = names["categories"]?.AsArray().Select(n => (string)n!).ToArray();
        var namespaced = (string?)spec["scope"] != "Cluster";
        foreach (var version in spec["versions"]?.AsArray() ?? [])
        {
            if (version is not JsonObject v || Json.Bool(v["served"]) == false)
                continue;

            var hasStatus = v["subresources"]?["status"] is not null;
            yield return new ResourceType(group, (string)v["name"]!, plural, kind, namespaced, shortNames,
                HasStatus: hasStatus, HasGeneration: true, BuiltIn: false, Categories: categories);
        }
    }

    private static bool IsEstablished(JsonObject crd) =>
        crd["metadata"]?["deletionTimestamp"] is null
        && crd["status"]?["conditions"]?.AsArray().Any(c => (string?)c?["type"] == "Established" && (string?)c?["status"] == "True") == true;
}
