using FleetOps.Cli.Output;
using FleetOps.Cli.Parsing;

namespace FleetOps.Cli.Tests.Parsing;

/// <summary>Durations, times, percentages and ages as operators type and read them.</summary>
public sealed class TextParsingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 17, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    [InlineData("3d", 259200)]
    [InlineData("1w", 604800)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("00:10:00", 600)]
    [InlineData(" 5M ", 300)]
    public void DurationsReadAsOperatorsWriteThem(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5 minutes")]
    [InlineData("-5m")]
    [InlineData("m5")]
    public void WhatIsNotADurationIsRefused(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Fact]
    public void DurationsGoToTheHubInSecondsItAlsoReads() => Assert.Equal("5400s", DurationText.ToHubForm(TimeSpan.FromMinutes(90)));

    [Theory]
    [InlineData("2h", "2026-11-17T08:00:00Z")]
    [InlineData("3d", "2026-11-14T10:00:00Z")]
    [InlineData("now", "2026-11-17T10:00:00Z")]
    [InlineData("today", "2026-11-17T00:00:00Z")]
    [InlineData("yesterday", "2026-11-16T00:00:00Z")]
    [InlineData("2026-11-17", "2026-11-17T00:00:00Z")]
    [InlineData("2026-11-17T09:30", "2026-11-17T09:30:00Z")]
    [InlineData("2026-11-17 09:30:15", "2026-11-17T09:30:15Z")]
    [InlineData("2026-11-17T09:30:00Z", "2026-11-17T09:30:00Z")]
    [InlineData("2026-11-17T09:30:00+01:00", "2026-11-17T08:30:00Z")]
    [InlineData("2026-11-17T09:30:00.250Z", "2026-11-17T09:30:00.25Z")]
    public void TimesAreRelativeToNowOrIso8601(string text, string expected)
    {
        Assert.True(TimeExpression.TryParse(text, Now, TimeZoneInfo.Utc, out var time));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
    }

    [Fact]
    public void ATimeWithoutOffsetIsReadInTheUsersZone()
    {
        var berlin = TimeZoneInfo.CreateCustomTimeZone("Test/Plus1", TimeSpan.FromHours(1), "Test/Plus1", "Test/Plus1");

        Assert.True(TimeExpression.TryParse("2026-11-17T09:30", Now, berlin, out var local));
        Assert.True(TimeExpression.TryParse("yesterday", Now, berlin, out var yesterday));

        Assert.Equal(new DateTimeOffset(2026, 11, 17, 8, 30, 0, TimeSpan.Zero), local.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 11, 15, 23, 0, 0, TimeSpan.Zero), yesterday.ToUniversalTime());
    }

    [Theory]
    [InlineData("tuesday")]
    [InlineData("17.11.2026")]
    [InlineData("2026-13-01")]
    public void WhatIsNotATimeIsRefused(string text) => Assert.False(TimeExpression.TryParse(text, Now, TimeZoneInfo.Utc, out _));

    [Theory]
    [InlineData("95%", 95)]
    [InlineData("95", 95)]
    [InlineData("99.5%", 99.5)]
    [InlineData("0%", 0)]
    [InlineData("100%", 100)]
    public void PercentagesTakeOrLeaveTheSign(string text, double expected)
    {
        Assert.True(Percentage.TryParse(text, out var percent));
        Assert.Equal(expected, percent);
    }

    [Theory]
    [InlineData("101%")]
    [InlineData("-1")]
    [InlineData("most")]
    public void PercentagesOutsideZeroToHundredAreRefused(string text) => Assert.False(Percentage.TryParse(text, out _));

    [Theory]
    [InlineData(-5, "0s")]
    [InlineData(45, "45s")]
    [InlineData(60, "1m")]
    [InlineData(3599, "59m")]
    [InlineData(7200, "2h")]
    [InlineData(86399, "23h")]
    [InlineData(4 * 86400 + 3600, "4d")]
    public void AgesUseTheOneLargestUnit(int seconds, string expected) => Assert.Equal(expected, Ages.Format(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("region=east", "region=east")]
    [InlineData("region in (east,west)", "'region in (east,west)'")]
    [InlineData("it's", "'it'\\''s'")]
    public void SuggestedCommandsQuoteWhatTheShellWouldSplit(string value, string expected) => Assert.Equal(expected, Shell.Quote(value));
}
