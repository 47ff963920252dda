using FleetOps.Shared.Contracts;
using FleetOps.Shared.Fleet;

namespace FleetOps.Shared.Tests.Fleet;

public sealed class WindowPolicyTests
{
    private static readonly WindowPolicy Nightly = new(
        [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Saturday, DayOfWeek.Monday], new TimeOnly(22, 0), new TimeOnly(2, 30), "tz");

    [Fact]
    public void DaysAreKeptOnceEachMondayFirst() =>
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Saturday, DayOfWeek.Sunday], Nightly.Days);

    [Fact]
    public void PoliciesWithTheSameDaysInAnotherOrderAreEqual()
    {
        var reordered = Nightly with { Days = [DayOfWeek.Saturday, DayOfWeek.Sunday, DayOfWeek.Monday] };

        Assert.Equal(Nightly, reordered);
        Assert.Equal(Nightly.GetHashCode(), reordered.GetHashCode());
    }

    [Fact]
    public void AClusterReceivesTheWindowInTheZoneItsLabelNames() =>
        Assert.Equal(
            new DesiredWindow(["mon", "sat", "sun"], "22:00", "02:30", "America/New_York"),
            Nightly.ForCluster(new Dictionary<string, string> { ["tz"] = "America/New_York", ["region"] = "east" }));

    [Fact]
    public void AZoneWrittenWithDotsAsLabelValuesRequireBecomesTheIanaId() =>
        Assert.Equal(
            "America/Argentina/Buenos_Aires",
            Nightly.ForCluster(new Dictionary<string, string> { ["tz"] = "America.Argentina.Buenos_Aires" }).TimeZone);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void AClusterWithoutTheLabelGetsUtc(string? zone)
    {
        var labels = zone is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["tz"] = zone };

        Assert.Equal("UTC", Nightly.ForCluster(labels).TimeZone);
    }

    [Fact]
    public void AWindowWithoutATimezoneLabelIsInUtcWhateverTheLabels() =>
        Assert.Equal("UTC", (Nightly with { TimezoneLabel = null }).ForCluster(new Dictionary<string, string> { ["tz"] = "Europe/Berlin" }).TimeZone);

    [Fact]
    public void TheWindowAClusterReceivesPassesTheWireRules() =>
        Assert.Null(WindowFormat.Check(Nightly.ForCluster(new Dictionary<string, string>())));
}
