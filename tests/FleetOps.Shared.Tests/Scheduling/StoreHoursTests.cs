using FleetOps.Shared.Contracts;
using FleetOps.Shared.Scheduling;

namespace FleetOps.Shared.Tests.Scheduling;

// 2026-03-02 is a Monday; New York springs forward on Sunday 2026-03-08 and falls back on Sunday 2026-11-01.
public sealed class StoreHoursTests
{
    private const string NewYork = "America/New_York";

    [Fact]
    public void InsideTheWindowItIsOpenUntilTheEnd()
    {
        var check = StoreHours.Evaluate(Window(["mon"], "02:00", "05:00"), Utc(2026, 3, 2, 3, 0));

        Assert.Equal(new WindowCheck(true, null, Utc(2026, 3, 2, 5, 0), null), check);
    }

    [Fact]
    public void ExactlyAtTheStartItIsOpen() =>
        Assert.True(StoreHours.Evaluate(Window(["mon"], "02:00", "05:00"), Utc(2026, 3, 2, 2, 0)).IsOpen);

    [Fact]
    public void ExactlyAtTheEndItIsClosedUntilTheNextOpeningDay()
    {
        var check = StoreHours.Evaluate(Window(["mon"], "02:00", "05:00"), Utc(2026, 3, 2, 5, 0));

        Assert.Equal(new WindowCheck(false, Utc(2026, 3, 9, 2, 0), null, null), check);
    }

    [Fact]
    public void AWindowAcrossMidnightBelongsToTheDayItOpens()
    {
        var fridayNight = Window(["fri"], "22:00", "02:00");

        var saturdayEarly = StoreHours.Evaluate(fridayNight, Utc(2026, 3, 7, 1, 0));
        var fridayEarly = StoreHours.Evaluate(fridayNight, Utc(2026, 3, 6, 1, 0));

        Assert.Equal(new WindowCheck(true, null, Utc(2026, 3, 7, 2, 0), null), saturdayEarly);
        Assert.Equal(new WindowCheck(false, Utc(2026, 3, 6, 22, 0), null, null), fridayEarly);
    }

    [Fact]
    public void OnOtherDaysTheNextOpeningIsOnTheFirstSelectedDay()
    {
        var weekend = Window(["sat", "sun"], "02:00", "05:00");

        var wednesday = StoreHours.Evaluate(weekend, Utc(2026, 3, 4, 3, 0));
        var sundayAfter = StoreHours.Evaluate(weekend, Utc(2026, 3, 8, 6, 0));

        Assert.Equal(Utc(2026, 3, 7, 2, 0), wednesday.OpensAt);
        Assert.Equal(Utc(2026, 3, 14, 2, 0), sundayAfter.OpensAt);
    }

    [Fact]
    public void TheWindowFollowsTheStoresZoneAndReportsItsOffset()
    {
        // 08:00Z is 03:00 in New York (EST, UTC-5); 05:00Z would still be Sunday evening there.
        var inside = StoreHours.Evaluate(Window(["mon"], "02:00", "05:00", NewYork), Utc(2026, 3, 2, 8, 0));
        var beforeByZone = StoreHours.Evaluate(Window(["mon"], "02:00", "05:00", NewYork), Utc(2026, 3, 2, 5, 0));

        Assert.True(inside.IsOpen);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 5, 0, 0, TimeSpan.FromHours(-5)), inside.ClosesAt);
        Assert.Equal(TimeSpan.FromHours(-5), inside.ClosesAt!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.FromHours(-5)), beforeByZone.OpensAt);
    }

    [Fact]
    public void AStartInTheSpringForwardGapOpensAtTheFirstValidInstantAfterIt()
    {
        // 02:30 does not exist on 2026-03-08 in New York: clocks go from 01:59:59 EST to 03:00 EDT.
        var window = Window(["sun"], "02:30", "04:00", NewYork);

        var before = StoreHours.Evaluate(window, Utc(2026, 3, 8, 6, 59));
        var atGapEnd = StoreHours.Evaluate(window, Utc(2026, 3, 8, 7, 0));

        Assert.Equal(new WindowCheck(false, new DateTimeOffset(2026, 3, 8, 3, 0, 0, TimeSpan.FromHours(-4)), null, null), before);
        Assert.Equal(new WindowCheck(true, null, new DateTimeOffset(2026, 3, 8, 4, 0, 0, TimeSpan.FromHours(-4)), null), atGapEnd);
        Assert.Equal(TimeSpan.FromHours(-4), before.OpensAt!.Value.Offset);
    }

    [Fact]
    public void AnAmbiguousStartWhenClocksFallBackUsesTheFirstOccurrence()
    {
        // 01:30 happens twice on 2026-11-01 in New York: at 05:30Z (EDT) and again at 06:30Z (EST).
        var window = Window(["sun"], "01:30", "03:00", NewYork);

        var before = StoreHours.Evaluate(window, Utc(2026, 11, 1, 5, 0));
        var firstOccurrence = StoreHours.Evaluate(window, Utc(2026, 11, 1, 5, 30));
        var betweenOccurrences = StoreHours.Evaluate(window, Utc(2026, 11, 1, 6, 15));

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 1, 30, 0, TimeSpan.FromHours(-4)), before.OpensAt);
        Assert.Equal(TimeSpan.FromHours(-4), before.OpensAt!.Value.Offset);
        Assert.True(firstOccurrence.IsOpen);
        Assert.True(betweenOccurrences.IsOpen);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.FromHours(-5)), betweenOccurrences.ClosesAt);
        Assert.Equal(TimeSpan.FromHours(-5), betweenOccurrences.ClosesAt!.Value.Offset);
    }

    [Fact]
    public void AWindowAcrossMidnightInTheStoresZoneOpensOnTheStoresDay()
    {
        // Friday 23:30 in New York is already Saturday in UTC.
        var check = StoreHours.Evaluate(Window(["fri"], "22:00", "02:00", NewYork), Utc(2026, 3, 7, 4, 30));

        Assert.True(check.IsOpen);
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 2, 0, 0, TimeSpan.FromHours(-5)), check.ClosesAt);
    }

    [Fact]
    public void AnUnknownZoneIsEvaluatedInUtcAndSaysSo()
    {
        var check = StoreHours.Evaluate(Window(["mon"], "02:00", "05:00", "Mars/Olympus_Mons"), Utc(2026, 3, 2, 3, 0));

        Assert.Equal(new WindowCheck(true, null, Utc(2026, 3, 2, 5, 0), "unknown time zone 'Mars/Olympus_Mons'; the window is evaluated in UTC"), check);
    }

    [Fact]
    public void IanaZonesResolveUnderInvariantGlobalization()
    {
        Assert.True(AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant, "the tests should run as the agent does");
        Assert.Equal(NewYork, StoreHours.FindZone(NewYork)?.Id);
        Assert.Equal(TimeZoneInfo.Utc, StoreHours.FindZone("UTC"));
        Assert.Null(StoreHours.FindZone("Not/A_Zone"));
    }

    [Fact]
    public void AWindowThatBreaksTheWireRulesIsRefused() =>
        Assert.Throws<ArgumentException>(() => StoreHours.Evaluate(Window(["mon"], "02:00", "02:00"), Utc(2026, 3, 2, 3, 0)));

    private static DesiredWindow Window(string[] days, string start, string end, string zone = "UTC") => new(days, start, end, zone);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
