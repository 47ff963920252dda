using FleetOps.Shared.Fleet;

namespace FleetOps.Shared.Tests.Fleet;

public sealed class AmountTests
{
    [Theory]
    [InlineData(10, 5, 1)]
    [InlineData(10, 30, 3)]
    [InlineData(10, 31, 4)]
    [InlineData(50, 3, 2)]
    [InlineData(100, 7, 7)]
    [InlineData(0.5, 1000, 5)]
    [InlineData(1.1, 1000, 11)]
    [InlineData(0, 50, 0)]
    [InlineData(2, 0, 0)]
    public void APercentOfATotalRoundsUp(double percent, int total, int expected) =>
        Assert.Equal(expected, Amount.OfPercent(percent).Of(total));

    [Theory]
    [InlineData(3, 100, 3)]
    [InlineData(3, 2, 3)]
    [InlineData(0, 10, 0)]
    public void ACountIsTakenAsIs(int count, int total, int expected) =>
        Assert.Equal(expected, Amount.OfCount(count).Of(total));

    [Fact]
    public void AmountsPrintAsTheyAreWrittenInFleetYaml()
    {
        Assert.Equal("3", Amount.OfCount(3).ToString());
        Assert.Equal("10%", Amount.OfPercent(10).ToString());
        Assert.Equal("0.5%", Amount.OfPercent(0.5).ToString());
        Assert.Equal("0", default(Amount).ToString());
    }

    [Fact]
    public void TheDefaultAmountCountsNobody() =>
        Assert.Equal(0, default(Amount).Of(10));

    [Fact]
    public void AmountsCompareByKindAndValue()
    {
        Assert.Equal(Amount.OfPercent(10), Amount.OfPercent(10.0));
        Assert.NotEqual(Amount.OfPercent(10), Amount.OfCount(10));
    }

    [Fact]
    public void AnAmountCannotBeNegativeOrBoth()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Amount.OfCount(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Amount.OfPercent(100.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Amount.OfPercent(double.NaN));
        Assert.Throws<ArgumentException>(() => new Amount(1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Amount.OfCount(1).Of(-1));
    }
}
