using FleetOps.Shared.Fleet;

namespace FleetOps.Shared.Tests.Fleet;

public sealed class DidYouMeanTests
{
    [Theory]
    [InlineData("selctor", "name|path|selector", "selector")]
    [InlineData("selecotr", "name|path|selector", "selector")]
    [InlineData("nmae", "name|path|selector", "name")]
    [InlineData("Path", "name|path|selector", "path")]
    [InlineData("apiversion", "apiVersion|groups", "apiVersion")]
    [InlineData("group", "apiVersion|groups", "groups")]
    [InlineData("matchlabel", "matchLabels|matchExpressions", "matchLabels")]
    [InlineData("notin", "In|NotIn|Exists|DoesNotExist", "NotIn")]
    [InlineData("Exist", "In|NotIn|Exists|DoesNotExist", "Exists")]
    [InlineData("apps/pos/overlays/est", "apps/pos/overlays/west|apps/pos/overlays/east", "apps/pos/overlays/east")]
    [InlineData("apps/pos/overlay/east", "apps/pos/overlays/east|apps/pos/base", "apps/pos/overlays/east")]
    public void TheNearestCloseCandidateIsSuggested(string input, string candidates, string expected) =>
        Assert.Equal(expected, DidYouMean.Nearest(input, candidates.Split('|')));

    [Theory]
    [InlineData("rollout", "name|path|selector")]
    [InlineData("Equals", "In|NotIn|Exists|DoesNotExist")]
    [InlineData("apps/pos/overlays/north", "apps/pos/overlays/east|apps/pos/overlays/west")]
    [InlineData("x", "")]
    public void NothingIsSuggestedWhenNoCandidateIsClose(string input, string candidates) =>
        Assert.Null(DidYouMean.Nearest(input, candidates.Split('|', StringSplitOptions.RemoveEmptyEntries)));

    [Fact]
    public void TheHintIsAParentheticalOrNothing()
    {
        Assert.Equal(" (did you mean 'selector'?)", DidYouMean.Hint("selctor", ["selector"]));
        Assert.Equal("", DidYouMean.Hint("rollout", ["selector"]));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ab", "ba", 1)]
    [InlineData("selector", "selector", 0)]
    [InlineData("Name", "name", 1)]
    public void DistanceCountsEditsAndSwaps(string a, string b, int expected) =>
        Assert.Equal(expected, DidYouMean.Distance(a, b));

    [Fact]
    public void ClosestNamesAreNearOnesInDistanceThenNameOrder() =>
        Assert.Equal(["store-0040", "store-0041"], DidYouMean.Closest("store-0042", ["store-0041", "warehouse-9", "store-0040", "store-9999"], 2));

    [Fact]
    public void ClosestLeavesOutNamesThatAreNothingAlike() =>
        Assert.Empty(DidYouMean.Closest("pos-east", ["kitchen-display", "menu-board"]));
}
