using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Tests.Selectors;

public sealed class LabelSelectorMatchTests
{
    [Theory]
    [InlineData("", "", true)]
    [InlineData("", "region=east,ring=canary", true)]
    [InlineData("region=east", "region=east", true)]
    [InlineData("region=east", "region=east,ring=canary", true)]
    [InlineData("region=east", "region=west", false)]
    [InlineData("region=east", "", false)]
    [InlineData("region=east", "region=East", false)]
    [InlineData("region==east", "region=east", true)]
    [InlineData("region=", "region=", true)]
    [InlineData("region=", "", false)]
    [InlineData("ring!=canary", "ring=stable", true)]
    [InlineData("ring!=canary", "ring=canary", false)]
    [InlineData("ring!=canary", "", true)]
    [InlineData("tier in (a,b)", "tier=a", true)]
    [InlineData("tier in (a,b)", "tier=b", true)]
    [InlineData("tier in (a,b)", "tier=c", false)]
    [InlineData("tier in (a,b)", "", false)]
    [InlineData("tier notin (c,d)", "tier=a", true)]
    [InlineData("tier notin (c,d)", "tier=c", false)]
    [InlineData("tier notin (c,d)", "", true)]
    [InlineData("legacy", "legacy=", true)]
    [InlineData("legacy", "legacy=yes", true)]
    [InlineData("legacy", "", false)]
    [InlineData("!legacy", "", true)]
    [InlineData("!legacy", "legacy=", false)]
    [InlineData("region=east,ring!=canary", "region=east", true)]
    [InlineData("region=east,ring!=canary", "region=east,ring=canary", false)]
    [InlineData("region=east,ring!=canary", "region=west,ring=stable", false)]
    [InlineData("region=east,tier in (pos),!legacy", "region=east,tier=pos", true)]
    [InlineData("region=east,tier in (pos),!legacy", "region=east,tier=pos,legacy=true", false)]
    [InlineData("example.com/store-id=s-042", "example.com/store-id=s-042", true)]
    public void SelectorsMatchLabelsWithKubernetesSemantics(string selector, string labels, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels(labels)));

    [Fact]
    public void TheEmptySelectorMatchesEveryCluster()
    {
        Assert.True(LabelSelector.Everything.IsEmpty);
        Assert.True(LabelSelector.Everything.Matches(Labels("")));
        Assert.True(LabelSelector.Everything.Matches(Labels("region=east")));
    }

    [Fact]
    public void NotInAndDoesNotExistMatchWhenTheKeyIsAbsent()
    {
        var selector = new LabelSelector(
            new Dictionary<string, string>(),
            [LabelSelectorRequirement.NotIn("ring", "canary"), LabelSelectorRequirement.DoesNotExist("legacy")]);

        Assert.True(selector.Matches(Labels("region=east")));
    }

    [Fact]
    public void InAndExistsDoNotMatchWhenTheKeyIsAbsent()
    {
        Assert.False(LabelSelectorRequirement.In("ring", "canary").Matches(Labels("region=east")));
        Assert.False(LabelSelectorRequirement.Exists("ring").Matches(Labels("region=east")));
    }

    [Fact]
    public void EveryMatchLabelAndEveryExpressionMustHold()
    {
        var selector = new LabelSelector(
            new Dictionary<string, string> { ["region"] = "east", ["tier"] = "pos" },
            [LabelSelectorRequirement.In("ring", "stable", "beta")]);

        Assert.True(selector.Matches(Labels("region=east,tier=pos,ring=beta")));
        Assert.False(selector.Matches(Labels("region=east,ring=beta")));
        Assert.False(selector.Matches(Labels("region=east,tier=pos,ring=canary")));
    }

    [Fact]
    public void LabelComparisonIsCaseSensitive() =>
        Assert.False(LabelSelectorRequirement.In("ring", "Canary").Matches(Labels("ring=canary")));

    internal static Dictionary<string, string> Labels(string text) =>
        text.Length == 0
            ? []
            : text.Split(',').Select(pair => pair.Split('=', 2)).ToDictionary(parts => parts[0], parts => parts[1]);
}
