using FleetOps.Shared.Fleet;
using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Tests.Fleet;

public sealed class FleetYamlParserTests
{
    [Fact]
    public void TheExampleFromTheDesignParses()
    {
        var fleet = FleetYamlFixtures.ParseValid("valid-design-example.yaml");

        Assert.Equal(FleetDefinition.SupportedApiVersion, fleet.ApiVersion);
        Assert.Equal(
            [
                new GroupDefinition("platform", "platform", LabelSelector.Everything),
                new GroupDefinition("pos-east", "apps/pos/overlays/east", LabelSelector.Parse("region=east,ring notin (canary)")),
            ],
            fleet.Groups);
    }

    [Fact]
    public void GroupsRememberTheLinesOfTheirEntryAndPath()
    {
        var posEast = FleetYamlFixtures.ParseValid("valid-design-example.yaml").Groups[1];

        Assert.Equal(new SourceLocation("fleet.yaml", 6, 5), posEast.Source.Group);
        Assert.Equal(new SourceLocation("fleet.yaml", 7, 11), posEast.Source.Path);
    }

    [Fact]
    public void EveryAcceptedFormParses()
    {
        var fleet = FleetYamlFixtures.ParseValid("valid-every-feature.yaml");

        Assert.Equal(["monitoring", "pos-canary", "kiosk-canary", "no-criteria"], fleet.Groups.Select(group => group.Name));
        var monitoring = fleet.Groups[0];
        Assert.Equal("platform/monitoring", monitoring.Path);
        Assert.Equal(
            LabelSelector.Parse("fleetops.io/tier=pos,version=1.0,build=42,empty=,ring in (stable,beta),!legacy,pos,region!=west"),
            monitoring.Selector);
        Assert.Equal(LabelSelector.Parse("ring=canary"), fleet.Groups[1].Selector);
        Assert.Equal(fleet.Groups[1].Selector, fleet.Groups[2].Selector);
        Assert.Equal(LabelSelector.Everything, fleet.Groups[3].Selector);
    }

    [Fact]
    public void AFleetWithoutGroupsIsValid() =>
        Assert.Empty(FleetYamlFixtures.ParseValid("valid-no-groups.yaml").Groups);

    [Fact]
    public void ATrailingDocumentSeparatorIsAccepted() =>
        Assert.Empty(FleetYamlFixtures.ParseValid("trailing-document-marker.yaml").Groups);

    [Fact]
    public void WindowsLineEndingsGiveTheSameResultAndLines()
    {
        var text = FleetYamlFixtures.Read("valid-design-example.yaml").ReplaceLineEndings("\r\n");

        var result = FleetYamlParser.Parse(text);

        Assert.True(result.Succeeded);
        Assert.Equal(FleetYamlFixtures.ParseValid("valid-design-example.yaml"), result.Definition);
        Assert.Equal(7, result.Definition.Groups[1].Source.Path.Line);
    }

    [Fact]
    public void ErrorsNameTheFileTheyCameFrom()
    {
        var result = FleetYamlParser.Parse(FleetYamlFixtures.Read("path-absolute.yaml"), "stores/fleet.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal("stores/fleet.yaml", error.File);
        Assert.StartsWith("stores/fleet.yaml:5: group 'platform': path '/platform'", error.ToString());
    }

    [Fact]
    public void AFailedParseHasNoDefinition()
    {
        var result = FleetYamlFixtures.Parse("many-errors.yaml");

        Assert.False(result.Succeeded);
        Assert.Null(result.Definition);
    }

    [Fact]
    public void DeepNestingIsASyntaxErrorNotAStackOverflow()
    {
        var result = FleetYamlParser.Parse($"apiVersion: fleetops/v1\ngroups: {new string('[', 100_000)}");

        Assert.Equal(FleetYamlErrorCode.YamlSyntax, Assert.Single(result.Errors).Code);
    }
}
