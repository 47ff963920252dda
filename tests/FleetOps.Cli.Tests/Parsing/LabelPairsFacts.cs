using FleetOps.Cli.Parsing;

namespace FleetOps.Cli.Tests.Parsing;

/// <summary>Label pairs as the register command reads them.</summary>
public sealed class LabelPairsFacts
{
    public static IReadOnlyDictionary<string, string> Parse(string[] args)
    {
        Assert.True(LabelPairs.TryParse(args, out var labels, out var error), error);
        return labels;
    }

    [Fact]
    public void PairsAreSplitOnCommasAndTheFirstEqualsSign()
    {
        var labels = Parse(["region=east, ring=canary", "fleetops.io/tier=edge", "note="]);

        Assert.Equal("east", labels["region"]);
        Assert.Equal("canary", labels["ring"]);
        Assert.Equal("edge", labels["fleetops.io/tier"]);
        Assert.Equal("", labels["note"]);
    }

    [Fact]
    public void TheSameLabelTwiceWithTheSameValueIsFine() => Assert.Single(Parse(["region=east", "region=east"]));

    [Fact]
    public void AValueThatIsNotALabelValueIsRefused()
    {
        Assert.False(LabelPairs.TryParse(["region=east coast"], out _, out var error));
        Assert.StartsWith("label 'region=east coast': the value is not valid:", error);
    }

    [Fact]
    public void MoreLabelsThanTheHubTakesAreRefusedAsTheHubWouldSayIt()
    {
        Assert.False(LabelPairs.TryParse(Enumerable.Range(0, 65).Select(i => $"label-{i}=x"), out _, out var error));
        Assert.Equal("a cluster has at most 64 labels, not 65", error);
    }
}
