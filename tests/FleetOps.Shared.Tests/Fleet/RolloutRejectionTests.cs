using FleetOps.Shared.Fleet;

namespace FleetOps.Shared.Tests.Fleet;

// One fixture per mistake in a rollout block, under testdata/fleet/rollout; each first line says what it expects.
public sealed class RolloutRejectionTests
{
    [Fact]
    public void ARolloutThatIsNotAMappingIsRejected() =>
        Assert.Contains("not a list", Rejected("rollout-not-a-mapping", FleetYamlErrorCode.RolloutNotAMapping, 7).Message);

    [Fact]
    public void ARolloutWithoutAValueIsRejectedSayingHowToMoveEveryMemberAtOnce() =>
        Assert.Contains("remove it to move every member at once", Rejected("rollout-no-value", FleetYamlErrorCode.RolloutNotAMapping, 7).Message);

    [Fact]
    public void ACanaryThatIsNotAMappingIsRejected() =>
        Assert.StartsWith("rollout: canary must be a mapping", Rejected("canary-not-a-mapping", FleetYamlErrorCode.CanaryNotAMapping, 8).Message);

    [Fact]
    public void ACanaryWithoutMembersIsRejectedListingTheThreeWaysToChooseThem() =>
        Assert.Contains(
            "give exactly one of selector (as in selector: {matchLabels: {ring: canary}}), count (as in count: 2) or percent (as in percent: 5)",
            Rejected("canary-members-missing", FleetYamlErrorCode.CanaryMembersMissing, 9).Message);

    [Fact]
    public void ACanaryWithTwoWaysToChooseItsMembersIsRejectedAtTheSecond() =>
        Assert.Equal(
            "fleet.yaml:10: group 'pos-east': rollout.canary: canary gives both count and percent (keep exactly one of selector, count or percent)",
            Rejected("canary-members-conflict", FleetYamlErrorCode.CanaryMembersConflict, 10).ToString());

    [Fact]
    public void AnApprovalOtherThanManualIsRejected() =>
        Assert.Contains("write 'approval: manual'", Rejected("approval-invalid", FleetYamlErrorCode.ApprovalInvalid, 9).Message);

    [Fact]
    public void AnApprovalWithoutACanaryIsRejectedSayingWhatToDo() =>
        Assert.Equal(
            "rollout: approval waits after the canary; add a canary or remove approval",
            Rejected("approval-without-canary", FleetYamlErrorCode.ApprovalWithoutCanary, 8).Message);

    [Fact]
    public void WavesThatAreNotAListAreRejected() =>
        Assert.Contains("as in [10%, 50%, 100%]", Rejected("waves-not-a-list", FleetYamlErrorCode.WavesNotAList, 8).Message);

    [Fact]
    public void AWaveWithoutAPercentSignIsRejectedWithTheRightSpelling() =>
        Assert.Equal(
            "rollout.waves[1]: the number 50 is not a share (write it as a percentage: 50%)",
            Rejected("wave-invalid", FleetYamlErrorCode.WaveInvalid, 10).Message);

    [Fact]
    public void WavesThatDoNotIncreaseAreRejectedAtTheFirstThatDoesNot() =>
        Assert.StartsWith(
            "rollout.waves[1]: 10% is not more than the wave before it (50%)",
            Rejected("waves-not-increasing", FleetYamlErrorCode.WavesNotIncreasing, 8).Message);

    [Fact]
    public void WavesThatStopShortOfAHundredPercentAreRejectedSayingTheLastMustBeAHundred() =>
        Assert.Equal(
            "rollout.waves: the last wave must be 100% so that every member is reached, not 50% (add 100% at the end)",
            Rejected("waves-incomplete", FleetYamlErrorCode.WavesIncomplete, 10).Message);

    [Fact]
    public void AnEmptyWaveListIsRejected() =>
        Assert.Contains("or remove it for a single wave", Rejected("waves-empty", FleetYamlErrorCode.WavesIncomplete, 8).Message);

    [Fact]
    public void ADurationWithoutAUnitIsRejectedSuggestingOne() =>
        Assert.Equal(
            "rollout: bake is read as the number 10, not a duration (give a unit, as in 10s or 10m)",
            Rejected("duration-invalid", FleetYamlErrorCode.DurationInvalid, 9).Message);

    [Fact]
    public void ACanaryCountOfZeroIsRejected() =>
        Assert.Equal(
            "rollout.canary: count must be a whole number of 1 or more, not '0'",
            Rejected("count-invalid", FleetYamlErrorCode.CountInvalid, 9).Message);

    [Fact]
    public void ACanaryPercentOverAHundredIsRejected() =>
        Assert.Contains("above 0% and at most 100%", Rejected("percent-invalid", FleetYamlErrorCode.PercentInvalid, 9).Message);

    [Fact]
    public void AnAmountThatIsNeitherCountNorShareIsRejectedWithExamples() =>
        Assert.Equal(
            "rollout: maxConcurrent 'all' is neither a count nor a share (write a whole number or a percentage, as in 100 or \"10%\")",
            Rejected("amount-invalid", FleetYamlErrorCode.AmountInvalid, 8).Message);

    [Fact]
    public void AWindowWrittenAsTextIsRejected() =>
        Assert.Contains("window must be a mapping with days, start, end and timezoneLabel", Rejected("window-not-a-mapping", FleetYamlErrorCode.WindowNotAMapping, 8).Message);

    [Fact]
    public void DaysThatAreNotAListAreRejectedWithTheListForm() =>
        Assert.EndsWith("(write [mon])", Rejected("days-not-a-list", FleetYamlErrorCode.DaysNotAList, 9).Message);

    [Fact]
    public void AnEmptyDayListIsRejected() =>
        Assert.Contains("at least one day", Rejected("days-empty", FleetYamlErrorCode.DaysEmpty, 9).Message);

    [Fact]
    public void AFullDayNameIsRejectedWithItsShortForm() =>
        Assert.Equal(
            "rollout.window.days[0]: 'monday' is not a day (use mon, tue, wed, thu, fri, sat or sun; did you mean 'mon'?)",
            Rejected("day-invalid", FleetYamlErrorCode.DayInvalid, 9).Message);

    [Fact]
    public void ADayListedTwiceInAnyCaseIsRejectedWithTheLineOfTheFirst() =>
        Assert.Contains("first on line 10", Rejected("duplicate-day", FleetYamlErrorCode.DuplicateDay, 12).Message);

    [Fact]
    public void AWindowWithoutAnEndIsRejected() =>
        Assert.Equal(
            "rollout.window: end is missing (give the store-local time the window closes, as in end: \"05:00\")",
            Rejected("time-missing", FleetYamlErrorCode.TimeMissing, 9).Message);

    [Fact]
    public void AnUnquotedOneDigitHourIsRejectedWithTheQuotedForm() =>
        Assert.Equal(
            "rollout.window: start '2:00' needs a two-digit hour: write start: \"02:00\" (quoted, because YAML 1.1 readers take an unquoted 2:00 for the number 120)",
            Rejected("time-invalid", FleetYamlErrorCode.TimeInvalid, 9).Message);

    [Fact]
    public void AWindowThatEndsWhenItStartsIsRejected() =>
        Assert.Contains("for a window across midnight give an end before the start", Rejected("window-empty", FleetYamlErrorCode.WindowEmpty, 10).Message);

    [Fact]
    public void ATimezoneLabelThatIsNotALabelKeyIsRejected() =>
        Assert.StartsWith("rollout.window: timezoneLabel 'Time Zone' is not a valid label key: it may contain only", Rejected("timezone-label-invalid", FleetYamlErrorCode.TimezoneLabelInvalid, 11).Message);

    [Fact]
    public void UnknownRolloutFieldsAreRejectedWithTheNearestKnownField() =>
        Assert.Equal(
            [
                (8, "rollout: unknown field 'wave' (did you mean 'waves'?)"),
                (10, "rollout.canary: unknown field 'size' (known fields here: selector, count, percent, bake)"),
                (11, "rollout: unknown field 'maxConcurent' (did you mean 'maxConcurrent'?)"),
                (15, "rollout.window: unknown field 'timeZoneLabel' (did you mean 'timezoneLabel'?)"),
            ],
            FleetYamlFixtures.Parse("rollout/unknown-fields.yaml").Errors
                .Where(error => error.Code == FleetYamlErrorCode.UnknownField)
                .Select(error => (error.Line, error.Message)));

    [Fact]
    public void EveryRolloutErrorIsReportedInOnePass() =>
        Assert.Equal(
            [
                (FleetYamlErrorCode.CountInvalid, 9),
                (FleetYamlErrorCode.ApprovalInvalid, 10),
                (FleetYamlErrorCode.WavesNotIncreasing, 11),
                (FleetYamlErrorCode.DurationInvalid, 12),
                (FleetYamlErrorCode.CountInvalid, 13),
                (FleetYamlErrorCode.DayInvalid, 17),
                (FleetYamlErrorCode.TimeInvalid, 19),
                (FleetYamlErrorCode.PercentInvalid, 24),
            ],
            FleetYamlFixtures.Parse("rollout/many-errors.yaml").Errors.Select(error => (error.Code, error.Line)));

    [Theory]
    [InlineData("maxConcurrent: 0", FleetYamlErrorCode.CountInvalid)]
    [InlineData("maxConcurrent: 0%", FleetYamlErrorCode.PercentInvalid)]
    [InlineData("maxConcurrent: 1.5", FleetYamlErrorCode.CountInvalid)]
    [InlineData("failureBudget: 101%", FleetYamlErrorCode.PercentInvalid)]
    [InlineData("failureBudget: -1", FleetYamlErrorCode.CountInvalid)]
    [InlineData("waves: [0%, 100%]", FleetYamlErrorCode.WaveInvalid)]
    [InlineData("waves: [50%, 100%, 100%]", FleetYamlErrorCode.WavesNotIncreasing)]
    [InlineData("bake: 30m1h", FleetYamlErrorCode.DurationInvalid)]
    [InlineData("bake: -5m", FleetYamlErrorCode.DurationInvalid)]
    [InlineData("bake: 1.5h", FleetYamlErrorCode.DurationInvalid)]
    [InlineData("bake: 99999999999999d", FleetYamlErrorCode.DurationInvalid)]
    [InlineData("window: {start: \"24:00\", end: \"02:00\"}", FleetYamlErrorCode.TimeInvalid)]
    [InlineData("window: {start: \"0200\", end: \"05:00\"}", FleetYamlErrorCode.TimeInvalid)]
    [InlineData("window: {start: 0200, end: \"05:00\"}", FleetYamlErrorCode.TimeInvalid)]
    [InlineData("canary: {percent: 0}", FleetYamlErrorCode.PercentInvalid)]
    [InlineData("canary: {count: 10%}", FleetYamlErrorCode.CountInvalid)]
    public void ValuesOutsideTheirRangeAreRejected(string field, FleetYamlErrorCode code)
    {
        var result = FleetYamlParser.Parse(FleetYamlFixtures.Read("rollout/one-field.yaml").Replace("field: value", field));

        var error = Assert.Single(result.Errors);
        Assert.Equal((code, 8), (error.Code, error.Line));
    }

    [Fact]
    public void ACanaryCountWrittenAsAShareIsPointedToPercent() =>
        Assert.EndsWith(
            "(for a share of the group write 'percent: 10')",
            Assert.Single(FleetYamlParser.Parse(FleetYamlFixtures.Read("rollout/one-field.yaml").Replace("field: value", "canary: {count: 10%}")).Errors).Message);

    private static FleetYamlError Rejected(string fixture, FleetYamlErrorCode code, int line)
    {
        var result = FleetYamlFixtures.Parse($"rollout/{fixture}.yaml");

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal((code, line), (error.Code, error.Line));
        Assert.Equal("pos-east", error.Group);
        Assert.True(error.Column >= 1, $"column {error.Column} should be 1-based");
        return error;
    }
}
