using FleetOps.Shared.Fleet;
using FleetOps.Shared.Kubernetes;
using FleetOps.Shared.Rendering;
using FleetOps.Testing.Files;

namespace FleetOps.Shared.Tests.FleetConfig;

/// <summary>The example fleet-config/ that the demo and scenarios use must stay valid and renderable.</summary>
public sealed class BundledFleetConfigTests
{
    private static readonly string Root = Checkout.PathOf("fleet-config");

    private static FleetDefinition Definition()
    {
        var result = FleetYamlParser.Parse(File.ReadAllText(System.IO.Path.Combine(Root, "fleet.yaml")));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Definition!;
    }

    [Fact]
    public void FleetYamlDefinesBetweenFourAndSixGroupsOneOfThemByHardware()
    {
        var groups = Definition().Groups;

        Assert.InRange(groups.Count, 4, 6);
        Assert.Contains(groups, g => g.Selector.ToString().Contains("hardware", StringComparison.Ordinal));
    }

    public static TheoryData<string> GroupNames() => new(Definition().Groups.Select(g => g.Name));

    [Theory]
    [MemberData(nameof(GroupNames))]
    public async Task EveryGroupRendersAndTakesAStoresVariables(string name)
    {
        var group = Definition().FindGroup(name)!;
        var labels = new Dictionary<string, string> { ["region"] = "east", ["ring"] = "stable", ["hardware"] = "menu-screen-v2" };

        var rendered = await Renderer.Default.RenderAsync(Root, group.Path);
        Assert.True(rendered.IsOk, rendered.Error?.ToString());
        Assert.NotEmpty(rendered.Set!.Objects);

        var substituted = ClusterVariables.Substitute(rendered.Set, "store-0042", labels);
        Assert.True(substituted.IsOk, substituted.Error?.ToString());
        Assert.DoesNotContain(substituted.Set!.Objects, o => o.Content.GetRawText().Contains("${cluster.", StringComparison.Ordinal));

        // What a store's API server would say of each object, as the hub's preflight asks it.
        var options = new SchemaOptions { ServerSideApply = true, CustomResources = CustomResourceSchemas.From(substituted.Set.Objects.Select(o => o.ToJsonObject())) };
        var refusals = substituted.Set.Objects.SelectMany(o => KubernetesSchema.Check(o.ToJsonObject(), options).Errors.Select(e => $"{o.Subject}: {e}"));
        Assert.Empty(refusals);
    }

    [Fact]
    public async Task StoreIdReachesThePlatformConfigMap()
    {
        var rendered = await Renderer.Default.RenderAsync(Root, "platform");
        var substituted = ClusterVariables.Substitute(rendered.Set!, "store-0042", new Dictionary<string, string>());

        var storeInfo = substituted.Set!.Objects.Single(o => o.Subject == "ConfigMap/store-platform/store-info");
        Assert.Equal("store-0042", storeInfo.Content.GetProperty("data").GetProperty("store-id").GetString());
        Assert.Equal("unknown", storeInfo.Content.GetProperty("data").GetProperty("region").GetString());
    }

    [Fact]
    public void StoresLandInExactlyOnePosGroup()
    {
        var definition = Definition();
        var stores = new[]
        {
            new Dictionary<string, string> { ["region"] = "east", ["ring"] = "canary" },
            new Dictionary<string, string> { ["region"] = "east" },
            new Dictionary<string, string> { ["region"] = "west", ["ring"] = "stable" },
        };

        foreach (var labels in stores)
            Assert.Single(definition.GroupsFor(labels), g => g.Name.StartsWith("pos-", StringComparison.Ordinal));
    }
}
