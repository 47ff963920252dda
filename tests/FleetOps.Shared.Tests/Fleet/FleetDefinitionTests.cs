using FleetOps.Shared.Fleet;

namespace FleetOps.Shared.Tests.Fleet;

public sealed class FleetDefinitionTests
{
    [Fact]
    public void DefinitionsThatDifferOnlyInCommentsAndLinesAreEqual()
    {
        var original = FleetYamlFixtures.ParseValid("valid-design-example.yaml");
        var shifted = FleetYamlParser.Parse("# moved down by two lines\n\n" + FleetYamlFixtures.Read("valid-design-example.yaml"));

        Assert.True(shifted.Succeeded);
        Assert.NotEqual(original.Groups[1].Source.Path.Line, shifted.Definition.Groups[1].Source.Path.Line);
        Assert.Equal(original, shifted.Definition);
        Assert.Equal(original.GetHashCode(), shifted.Definition.GetHashCode());
    }

    [Fact]
    public void DefinitionsThatDifferInAGroupAreNotEqual()
    {
        var original = FleetYamlFixtures.ParseValid("valid-design-example.yaml");
        var changed = FleetYamlParser.Parse(FleetYamlFixtures.Read("valid-design-example.yaml").Replace("values: [canary]", "values: [canary, beta]"));

        Assert.True(changed.Succeeded);
        Assert.NotEqual(original, changed.Definition);
    }

    [Fact]
    public void GroupsForAClusterAreTheMatchingGroupsInFileOrder()
    {
        var fleet = FleetYamlFixtures.ParseValid("valid-design-example.yaml");

        Assert.Equal(["platform", "pos-east"], fleet.GroupsFor(Labels(("region", "east"), ("ring", "stable"))).Select(group => group.Name));
        Assert.Equal(["platform"], fleet.GroupsFor(Labels(("region", "east"), ("ring", "canary"))).Select(group => group.Name));
        Assert.Equal(["platform"], fleet.GroupsFor(Labels()).Select(group => group.Name));
    }

    [Fact]
    public void FindGroupLooksUpAGroupByName()
    {
        var fleet = FleetYamlFixtures.ParseValid("valid-design-example.yaml");

        Assert.Equal("apps/pos/overlays/east", fleet.FindGroup("pos-east")?.Path);
        Assert.Null(fleet.FindGroup("pos-west"));
    }

    private static Dictionary<string, string> Labels(params (string Key, string Value)[] labels) =>
        labels.ToDictionary(label => label.Key, label => label.Value);
}
