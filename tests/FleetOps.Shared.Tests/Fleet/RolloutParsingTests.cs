using FleetOps.Shared.Fleet;
using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Tests.Fleet;

public sealed class RolloutParsingTests
{
    private static readonly FleetDefinition EveryField = FleetYamlFixtures.ParseValid("rollout/valid-every-field.yaml");

    [Fact]
    public void TheExampleFromTheBriefReadsIntoEveryField() =>
        Assert.Equal(
            new RolloutPolicy
            {
                Canary = new CanaryPolicy(LabelSelector.Parse("ring=canary"), null, TimeSpan.FromMinutes(15)),
                ManualApproval = true,
                Waves = [10, 50, 100],
                Bake = TimeSpan.FromMinutes(10),
                MaxConcurrent = Amount.OfCount(100),
                FailureBudget = Amount.OfPercent(2),
                Window = new WindowPolicy(
                    [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday],
                    new TimeOnly(2, 0), new TimeOnly(5, 0), "tz"),
            },
            Group("pos-east").Rollout);

    [Fact]
    public void CountsSharesCombinedDurationsAndAWindowAcrossMidnightAreRead() =>
        Assert.Equal(
            new RolloutPolicy
            {
                Canary = new CanaryPolicy(null, Amount.OfCount(2), new TimeSpan(1, 30, 0)),
                Waves = [0.5, 100],
                Bake = TimeSpan.FromDays(1),
                MaxConcurrent = Amount.OfPercent(10),
                FailureBudget = Amount.OfCount(3),
                Window = new WindowPolicy([DayOfWeek.Saturday, DayOfWeek.Sunday], new TimeOnly(22, 0), new TimeOnly(2, 0), "fleetops.io/timezone"),
            },
            Group("kiosk").Rollout);

    [Fact]
    public void DaysAreReadWhateverTheirCaseAndKeptMondayFirst() =>
        Assert.Equal([DayOfWeek.Saturday, DayOfWeek.Sunday], Group("kiosk").Rollout!.Window!.Days);

    [Fact]
    public void ACanaryPercentMayBeWrittenWithOrWithoutThePercentSign()
    {
        Assert.Equal(Amount.OfPercent(5), Group("menu").Rollout!.Canary!.Size);
        Assert.Equal(Amount.OfPercent(2.5), Group("signage").Rollout!.Canary!.Size);
    }

    [Fact]
    public void AWindowWithoutDaysOrLabelIsOpenEveryDayInUtc()
    {
        var window = Group("menu").Rollout!.Window!;

        Assert.Equal(
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday],
            window.Days);
        Assert.Null(window.TimezoneLabel);
        Assert.Equal(Amount.OfPercent(0), Group("menu").Rollout!.FailureBudget);
    }

    [Fact]
    public void AnEmptyRolloutBlockHoldsTheDefaults()
    {
        var rollout = Group("defaults").Rollout!;

        Assert.Equal(new RolloutPolicy(), rollout);
        Assert.Null(rollout.Canary);
        Assert.False(rollout.ManualApproval);
        Assert.Equal([100.0], rollout.Waves);
        Assert.Equal(TimeSpan.Zero, rollout.Bake);
        Assert.Null(rollout.MaxConcurrent);
        Assert.Equal(Amount.OfCount(0), rollout.FailureBudget);
        Assert.Null(rollout.Window);
    }

    [Fact]
    public void AGroupWithoutARolloutBlockHasNoPolicy() =>
        Assert.Null(Group("platform").Rollout);

    [Fact]
    public void GroupsThatDifferOnlyInTheirRolloutAreNotEqual()
    {
        var changed = FleetYamlParser.Parse(FleetYamlFixtures.Read("rollout/valid-every-field.yaml").Replace("waves: [10%, 50%, 100%]", "waves: [20%, 100%]"));

        Assert.True(changed.Succeeded, changed.ToString());
        Assert.NotEqual(EveryField, changed.Definition);
        Assert.Equal(FleetYamlFixtures.ParseValid("rollout/valid-every-field.yaml"), EveryField);
    }

    private static GroupDefinition Group(string name) => EveryField.FindGroup(name) ?? throw new InvalidOperationException($"no group {name}");
}
