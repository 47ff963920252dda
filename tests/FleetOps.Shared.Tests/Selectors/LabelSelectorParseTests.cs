using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Tests.Selectors;

public sealed class LabelSelectorParseTests
{
    [Fact]
    public void TheFullStringFormParsesIntoLabelsAndRequirements()
    {
        var selector = LabelSelector.Parse("region=east,ring!=canary,tier in (a,b),tier notin (c),legacy,!old,zone==z1");

        Assert.Equal(new Dictionary<string, string> { ["region"] = "east", ["zone"] = "z1" }, selector.MatchLabels);
        Assert.Equal(
            [
                LabelSelectorRequirement.Exists("legacy"),
                LabelSelectorRequirement.DoesNotExist("old"),
                LabelSelectorRequirement.NotIn("ring", "canary"),
                LabelSelectorRequirement.In("tier", "a", "b"),
                LabelSelectorRequirement.NotIn("tier", "c"),
            ],
            selector.MatchExpressions);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AnEmptyStringIsTheEmptySelector(string text) =>
        Assert.Equal(LabelSelector.Everything, LabelSelector.Parse(text));

    [Fact]
    public void WhitespaceAroundTokensIsIgnored() =>
        Assert.Equal(
            LabelSelector.Parse("region=east,tier in (a,b),!legacy"),
            LabelSelector.Parse("  region = east , tier  in(a , b) , ! legacy "));

    [Fact]
    public void PrefixedKeysAreAccepted() =>
        Assert.Equal("s-042", LabelSelector.Parse("fleetops.io/store-id=s-042").MatchLabels["fleetops.io/store-id"]);

    [Fact]
    public void AnEmptyValueAfterEqualsMeansTheEmptyString() =>
        Assert.Equal("", LabelSelector.Parse("region=,ring=a").MatchLabels["region"]);

    [Fact]
    public void RepeatingTheSameEqualityIsHarmless() =>
        Assert.Equal(LabelSelector.Parse("region=east"), LabelSelector.Parse("region=east,region==east"));

    [Theory]
    [InlineData("region=east", "region=east")]
    [InlineData("zone=z1,region=east", "region=east,zone=z1")]
    [InlineData("region==east", "region=east")]
    [InlineData("ring!=canary", "ring!=canary")]
    [InlineData("ring notin (canary)", "ring!=canary")]
    [InlineData("tier in (b,a,b)", "tier in (a,b)")]
    [InlineData("tier notin (d,c)", "tier notin (c,d)")]
    [InlineData("legacy", "legacy")]
    [InlineData("!legacy", "!legacy")]
    [InlineData("!b,a,region=east", "region=east,a,!b")]
    [InlineData(" tier in ( a ) ", "tier in (a)")]
    [InlineData("", "")]
    public void ToStringGivesTheCanonicalForm(string text, string canonical) =>
        Assert.Equal(canonical, LabelSelector.Parse(text).ToString());

    [Theory]
    [InlineData("region=east,ring!=canary,tier in (a,b),tier notin (c),legacy,!legacy")]
    [InlineData("example.com/a=1,b notin (x,y,z),c in (v1),!d")]
    [InlineData("region=")]
    [InlineData("")]
    public void TheCanonicalFormParsesBackToAnEqualSelector(string text)
    {
        var selector = LabelSelector.Parse(text);
        var again = LabelSelector.Parse(selector.ToString());

        Assert.Equal(selector, again);
        Assert.Equal(selector.ToString(), again.ToString());
    }

    [Fact]
    public void ASelectorBuiltInCodePrintsAndParsesBack()
    {
        var selector = new LabelSelector(
            new Dictionary<string, string> { ["region"] = "east" },
            [LabelSelectorRequirement.NotIn("ring", "canary", "beta"), LabelSelectorRequirement.Exists("pos")]);

        Assert.Equal("region=east,pos,ring notin (beta,canary)", selector.ToString());
        Assert.Equal(selector, LabelSelector.Parse(selector.ToString()));
    }

    [Theory]
    [InlineData(",", 0, "expected a label key")]
    [InlineData("region=east,", 12, "expected a label key")]
    [InlineData("a,,b", 2, "expected a label key")]
    [InlineData("=east", 0, "expected a label key")]
    [InlineData("!", 1, "expected a label key after '!'")]
    [InlineData("!=x", 0, "expected a label key")]
    [InlineData("region=east ring=canary", 12, "expected ',' between requirements")]
    [InlineData("!legacy=1", 7, "expected ',' between requirements")]
    [InlineData("tier inn (a)", 5, "expected '=', '==', '!=', 'in' or 'notin'")]
    [InlineData("tier in a", 8, "expected '(' after 'in'")]
    [InlineData("tier in (a", 10, "missing ')'")]
    [InlineData("tier in ()", 9, "'in' needs at least one value")]
    [InlineData("tier notin ()", 12, "'notin' needs at least one value")]
    [InlineData("tier in (a b)", 11, "expected a value, ',' or ')'")]
    [InlineData("tier in (a,(b))", 11, "expected a value, ',' or ')'")]
    [InlineData("tier>1", 4, "operator '>' is not supported")]
    [InlineData("tier<1", 4, "operator '<' is not supported")]
    [InlineData("region=east=west", 11, "expected ',' between requirements")]
    [InlineData("region=(east)", 7, "expected a label value")]
    [InlineData("Region_!=x", 0, "label key 'Region_' is not valid")]
    [InlineData("-region=east", 0, "label key '-region' is not valid")]
    [InlineData("a/b/c=x", 0, "at most one '/'")]
    [InlineData("Example.com/a=x", 0, "prefix 'Example.com'")]
    [InlineData("region=east!", 11, "expected ',' between requirements")]
    [InlineData("region=-east", 7, "label value '-east' is not valid")]
    [InlineData("tier in (a,b_)", 11, "label value 'b_' is not valid")]
    [InlineData("region=east,region=west", 12, "required to equal both 'east' and 'west'")]
    public void InvalidStringFormsAreRejectedAtTheirPosition(string text, int position, string message)
    {
        Assert.False(LabelSelector.TryParse(text, out var selector, out var error));
        Assert.Null(selector);
        Assert.Equal(position, error.Position);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void ParseThrowsAFormatExceptionThatQuotesTheTextAndPosition()
    {
        var e = Assert.Throws<FormatException>(() => LabelSelector.Parse("tier in ()"));

        Assert.Equal("selector 'tier in ()': 'in' needs at least one value between the parentheses (at position 9)", e.Message);
    }

    [Fact]
    public void ATrailingCommaInsideASetAddsTheEmptyValueAsKubernetesDoes() =>
        Assert.Equal(["", "a"], LabelSelector.Parse("tier in (a,)").MatchExpressions[0].Values);
}
