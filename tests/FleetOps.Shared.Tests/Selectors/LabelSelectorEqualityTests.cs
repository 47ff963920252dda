using System.Text.Json;
using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Tests.Selectors;

public sealed class LabelSelectorEqualityTests
{
    [Fact]
    public void SelectorsWithTheSameContentAreEqualWhateverTheOrder()
    {
        var first = new LabelSelector(
            new Dictionary<string, string> { ["region"] = "east", ["tier"] = "pos" },
            [LabelSelectorRequirement.In("ring", "a", "b"), LabelSelectorRequirement.Exists("pos")]);
        var second = new LabelSelector(
            new Dictionary<string, string> { ["tier"] = "pos", ["region"] = "east" },
            [LabelSelectorRequirement.Exists("pos"), LabelSelectorRequirement.In("ring", "b", "a", "b")]);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void SelectorsThatDifferInAValueAreNotEqual()
    {
        Assert.NotEqual(LabelSelector.Parse("region=east"), LabelSelector.Parse("region=west"));
        Assert.NotEqual(LabelSelector.Parse("tier in (a,b)"), LabelSelector.Parse("tier in (a)"));
        Assert.NotEqual(LabelSelector.Parse("tier in (a)"), LabelSelector.Parse("tier notin (a)"));
        Assert.NotEqual(LabelSelector.Parse("legacy"), LabelSelector.Parse("!legacy"));
    }

    [Fact]
    public void RequirementValuesAreASortedSet() =>
        Assert.Equal(["a", "b"], LabelSelectorRequirement.In("tier", "b", "a", "b").Values);

    [Fact]
    public void ChangingTheCallersDictionaryDoesNotChangeTheSelector()
    {
        var labels = new Dictionary<string, string> { ["region"] = "east" };
        var selector = LabelSelector.FromLabels(labels);

        labels["region"] = "west";

        Assert.Equal("east", selector.MatchLabels["region"]);
    }

    [Fact]
    public void WithExpressionsKeepTheCanonicalForm()
    {
        var selector = LabelSelector.Everything with { MatchExpressions = [LabelSelectorRequirement.In("b", "y", "x"), LabelSelectorRequirement.Exists("a")] };

        Assert.Equal("a,b in (x,y)", selector.ToString());
        Assert.Equal(LabelSelector.Parse("b in (y,x),a"), selector);
    }

    [Fact]
    public void SelectorsRoundTripThroughJsonInTheKubernetesShape()
    {
        var selector = LabelSelector.Parse("region=east,ring notin (canary),legacy");

        var json = JsonSerializer.Serialize(selector);

        Assert.Equal(
            """{"matchLabels":{"region":"east"},"matchExpressions":[{"key":"legacy","operator":"Exists","values":[]},{"key":"ring","operator":"NotIn","values":["canary"]}]}""",
            json);
        Assert.Equal(selector, JsonSerializer.Deserialize<LabelSelector>(json));
    }

    [Fact]
    public void JsonWithoutCollectionsReadsAsTheEmptySelector()
    {
        var selector = JsonSerializer.Deserialize<LabelSelector>("{}");

        Assert.Equal(LabelSelector.Everything, selector);
        Assert.True(selector!.Matches(new Dictionary<string, string>()));
    }

    [Fact]
    public void JsonRequirementsWithoutValuesReadAsEmptyValues()
    {
        var selector = JsonSerializer.Deserialize<LabelSelector>("""{"matchExpressions":[{"key":"legacy","operator":"DoesNotExist"}]}""");

        Assert.Equal(LabelSelector.Parse("!legacy"), selector);
    }
}
