using FleetOps.Shared.Fleet;

namespace FleetOps.Shared.Tests.Fleet;

// One fixture per rejection; each fixture's first line says which code and line it expects.
public sealed class FleetYamlRejectionTests
{
    [Fact]
    public void YamlSyntaxErrorsAreReportedAtYamlDotNetsLine() =>
        Assert.StartsWith("YAML syntax error: ", SingleError("syntax-error.yaml", FleetYamlErrorCode.YamlSyntax, 5).Message);

    [Fact]
    public void AnAliasToAnUndefinedAnchorIsASyntaxError() =>
        Assert.Contains("'*everything'", SingleError("undefined-alias.yaml", FleetYamlErrorCode.YamlSyntax, 6).Message);

    [Fact]
    public void AFileWithOnlyCommentsIsAnEmptyDocument() =>
        SingleError("empty.yaml", FleetYamlErrorCode.EmptyDocument, 1);

    [Fact]
    public void AnEmptyStringIsAnEmptyDocument()
    {
        var error = Assert.Single(FleetYamlParser.Parse("").Errors);

        Assert.Equal((FleetYamlErrorCode.EmptyDocument, 1), (error.Code, error.Line));
    }

    [Fact]
    public void ASecondDocumentIsRejectedAtItsSeparator() =>
        SingleError("multiple-documents.yaml", FleetYamlErrorCode.MultipleDocuments, 7);

    [Fact]
    public void ATopLevelListIsRejected() =>
        SingleError("root-not-a-mapping.yaml", FleetYamlErrorCode.RootNotAMapping, 2);

    [Fact]
    public void AMissingApiVersionIsRejectedSayingWhatToAdd() =>
        Assert.Contains("'apiVersion: fleetops/v1'", SingleError("api-version-missing.yaml", FleetYamlErrorCode.ApiVersionMissing, 2).Message);

    [Fact]
    public void AnUnsupportedApiVersionIsRejectedNamingTheSupportedOne() =>
        Assert.Equal(
            "apiVersion 'fleetops/v2' is not supported (use 'fleetops/v1')",
            SingleError("api-version-unsupported.yaml", FleetYamlErrorCode.ApiVersionUnsupported, 2).Message);

    [Fact]
    public void MissingGroupsAreRejected() =>
        SingleError("groups-missing.yaml", FleetYamlErrorCode.GroupsMissing, 2);

    [Fact]
    public void GroupsWithoutAValueAreRejectedAtTheirKey() =>
        SingleError("groups-empty-value.yaml", FleetYamlErrorCode.GroupsMissing, 3);

    [Fact]
    public void GroupsThatAreNotAListAreRejected() =>
        SingleError("groups-not-a-list.yaml", FleetYamlErrorCode.GroupsNotAList, 4);

    [Fact]
    public void UnknownFieldsAtEveryLevelAreRejectedWithTheNearestKnownField()
    {
        var unknown = FleetYamlFixtures.Parse("unknown-fields.yaml").Errors.Where(error => error.Code == FleetYamlErrorCode.UnknownField);

        Assert.Equal(
            [
                (3, "unknown field 'group' (did you mean 'groups'?)"),
                (6, "unknown field 'selctor' (did you mean 'selector'?)"),
                (9, "selector: unknown field 'matchLabel' (did you mean 'matchLabels'?)"),
                (11, "selector.matchExpressions[0]: unknown field 'value' (did you mean 'values'?)"),
            ],
            unknown.Select(error => (error.Line, error.Message)));
    }

    [Fact]
    public void AnUnknownFieldWithNothingCloseListsTheKnownFields() =>
        Assert.Equal(
            "unknown field 'owner' (known fields here: name, path, selector, rollout)",
            SingleError("unknown-field-without-suggestion.yaml", FleetYamlErrorCode.UnknownField, 6).Message);

    [Fact]
    public void AFieldGivenTwiceIsRejectedWithTheLineOfTheFirst() =>
        Assert.Contains("first on line 5", SingleError("duplicate-field.yaml", FleetYamlErrorCode.DuplicateField, 6).Message);

    [Fact]
    public void AListWhereTextBelongsIsRejected() =>
        SingleError("field-not-text.yaml", FleetYamlErrorCode.NotText, 4);

    [Fact]
    public void AGroupThatIsNotAMappingIsRejected() =>
        SingleError("group-not-a-mapping.yaml", FleetYamlErrorCode.GroupNotAMapping, 4);

    [Fact]
    public void AGroupWithoutANameIsRejectedAndNamedByItsPosition()
    {
        var error = SingleError("name-missing.yaml", FleetYamlErrorCode.NameMissing, 7);

        Assert.Null(error.Group);
        Assert.StartsWith("fleet.yaml:7: group #2: name is missing", error.ToString());
    }

    [Fact]
    public void AnEmptyNameIsRejectedAsMissing() =>
        SingleError("name-empty.yaml", FleetYamlErrorCode.NameMissing, 4);

    [Fact]
    public void NamesThatAreNotDnsLabelsAreRejectedWithAValidExample() =>
        Assert.EndsWith(
            "may contain only lowercase letters, digits and '-' (for example 'pos-east')",
            SingleError("name-not-a-dns-label.yaml", FleetYamlErrorCode.NameInvalid, 4).Message);

    [Fact]
    public void NamesLongerThanSixtyThreeCharactersAreRejected() =>
        Assert.Contains("63 characters or fewer", SingleError("name-too-long.yaml", FleetYamlErrorCode.NameInvalid, 4).Message);

    [Fact]
    public void DuplicateGroupNamesAreRejectedWithTheLineOfTheFirst() =>
        Assert.Equal(
            "fleet.yaml:10: group 'pos-east': name 'pos-east' is already used by the group on line 4 (group names must be unique)",
            SingleError("duplicate-group-names.yaml", FleetYamlErrorCode.DuplicateGroupName, 10).ToString());

    [Fact]
    public void AMissingPathIsRejectedAtTheGroup() =>
        SingleError("path-missing.yaml", FleetYamlErrorCode.PathMissing, 4);

    [Fact]
    public void APathWithoutAValueIsRejectedAtItsKey() =>
        SingleError("path-no-value.yaml", FleetYamlErrorCode.PathMissing, 5);

    [Fact]
    public void AnEmptyPathIsRejectedWithTheMessageFromTheDesign() =>
        Assert.Equal(
            "fleet.yaml:14: group 'pos-east': path must not be empty (give the folder that holds the group's kustomization.yaml or YAML files)",
            SingleError("path-empty.yaml", FleetYamlErrorCode.PathEmpty, 14).ToString());

    [Fact]
    public void APathToTheRepositoryRootIsRejectedAsEmpty() =>
        SingleError("path-repository-root.yaml", FleetYamlErrorCode.PathEmpty, 5);

    [Fact]
    public void AbsolutePathsAreRejected() =>
        SingleError("path-absolute.yaml", FleetYamlErrorCode.PathAbsolute, 5);

    [Fact]
    public void WindowsDrivePathsAreRejectedAsAbsolute() =>
        SingleError("path-windows-drive.yaml", FleetYamlErrorCode.PathAbsolute, 5);

    [Fact]
    public void PathsThatClimbWithDotDotAreRejected() =>
        SingleError("path-parent-segment.yaml", FleetYamlErrorCode.PathParentSegment, 5);

    [Fact]
    public void PathsWithBackslashesAreRejectedWithTheForwardSlashForm() =>
        Assert.Contains("(write 'apps/pos/overlays/east')", SingleError("path-backslash.yaml", FleetYamlErrorCode.PathBackslash, 5).Message);

    [Fact]
    public void AMissingSelectorIsRejectedRatherThanSelectingEveryCluster() =>
        Assert.Contains("'selector: {}'", SingleError("selector-missing.yaml", FleetYamlErrorCode.SelectorMissing, 4).Message);

    [Fact]
    public void ASelectorWithoutAValueIsRejected() =>
        SingleError("selector-no-value.yaml", FleetYamlErrorCode.SelectorMissing, 6);

    [Fact]
    public void ASelectorInTheKubectlStringFormIsRejectedAsNotAMapping() =>
        Assert.Contains("string form", SingleError("selector-not-a-mapping.yaml", FleetYamlErrorCode.SelectorNotAMapping, 6).Message);

    [Fact]
    public void MatchLabelsThatAreNotAMappingAreRejected() =>
        SingleError("match-labels-not-a-mapping.yaml", FleetYamlErrorCode.MatchLabelsNotAMapping, 7);

    [Fact]
    public void InvalidLabelKeysInMatchLabelsAreRejected() =>
        Assert.Contains("the prefix 'Example.com'", SingleError("label-key-invalid.yaml", FleetYamlErrorCode.LabelKeyInvalid, 8).Message);

    [Fact]
    public void LabelValuesThatYamlReadsAsNumbersBooleansOrNothingAreRejected()
    {
        var errors = FleetYamlFixtures.Parse("label-values-not-strings.yaml").Errors;

        Assert.All(errors, error => Assert.Equal(FleetYamlErrorCode.LabelValueNotString, error.Code));
        Assert.Equal([9, 10, 11, 12, 17], errors.Select(error => error.Line));
        Assert.Contains("(quote it: \"1\")", errors[0].Message);
        Assert.Contains("the boolean yes", errors[1].Message);
        Assert.Contains("write \"\" for an empty value", errors[3].Message);
        Assert.StartsWith("selector.matchExpressions[0]: values[0]", errors[4].Message);
    }

    [Fact]
    public void InvalidLabelValuesAreRejected() =>
        SingleError("label-value-invalid.yaml", FleetYamlErrorCode.LabelValueInvalid, 8);

    [Fact]
    public void ALabelKeyGivenTwiceIsRejectedWithTheLineOfTheFirst() =>
        Assert.Contains("first on line 8", SingleError("duplicate-label-key.yaml", FleetYamlErrorCode.DuplicateField, 9).Message);

    [Fact]
    public void MatchExpressionsThatAreNotAListAreRejected() =>
        SingleError("match-expressions-not-a-list.yaml", FleetYamlErrorCode.MatchExpressionsNotAList, 8);

    [Fact]
    public void AnExpressionThatIsNotAMappingIsRejected() =>
        SingleError("expression-not-a-mapping.yaml", FleetYamlErrorCode.ExpressionNotAMapping, 7);

    [Fact]
    public void AnExpressionWithoutAKeyIsRejected() =>
        SingleError("expression-key-missing.yaml", FleetYamlErrorCode.LabelKeyMissing, 8);

    [Fact]
    public void InvalidExpressionKeysAreRejected() =>
        SingleError("expression-key-invalid.yaml", FleetYamlErrorCode.LabelKeyInvalid, 8);

    [Fact]
    public void AnExpressionWithoutAnOperatorIsRejected() =>
        SingleError("operator-missing.yaml", FleetYamlErrorCode.OperatorMissing, 8);

    [Fact]
    public void AnUnknownOperatorIsRejectedListingTheValidOnes() =>
        Assert.Contains(
            "operator 'Equals' is not valid (use one of In, NotIn, Exists, DoesNotExist)",
            SingleError("operator-invalid.yaml", FleetYamlErrorCode.OperatorInvalid, 9).Message);

    [Fact]
    public void AWronglyCasedOperatorIsRejectedWithTheRightSpelling() =>
        Assert.Contains("did you mean 'NotIn'?", SingleError("operator-wrong-case.yaml", FleetYamlErrorCode.OperatorInvalid, 9).Message);

    [Fact]
    public void InAndNotInWithoutValuesAreRejected()
    {
        var errors = FleetYamlFixtures.Parse("values-required.yaml").Errors;

        Assert.Equal(
            [(FleetYamlErrorCode.ValuesRequired, 10), (FleetYamlErrorCode.ValuesRequired, 11)],
            errors.Select(error => (error.Code, error.Line)));
    }

    [Fact]
    public void ExistsAndDoesNotExistWithValuesAreRejected() =>
        SingleError("values-not-allowed.yaml", FleetYamlErrorCode.ValuesNotAllowed, 10);

    [Fact]
    public void ValuesThatAreNotAListAreRejected() =>
        SingleError("values-not-a-list.yaml", FleetYamlErrorCode.ValuesNotAList, 10);

    [Fact]
    public void EveryErrorInTheFileIsReportedInLineOrder() =>
        Assert.Equal(
            [
                (FleetYamlErrorCode.ApiVersionUnsupported, 2),
                (FleetYamlErrorCode.NameInvalid, 4),
                (FleetYamlErrorCode.PathAbsolute, 5),
                (FleetYamlErrorCode.PathBackslash, 8),
                (FleetYamlErrorCode.UnknownField, 9),
                (FleetYamlErrorCode.LabelValueNotString, 10),
                (FleetYamlErrorCode.DuplicateGroupName, 11),
                (FleetYamlErrorCode.ValuesRequired, 13),
            ],
            FleetYamlFixtures.Parse("many-errors.yaml").Errors.Select(error => (error.Code, error.Line)));

    private static FleetYamlError SingleError(string fixture, FleetYamlErrorCode code, int line)
    {
        var result = FleetYamlFixtures.Parse(fixture);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal((code, line), (error.Code, error.Line));
        Assert.Equal("fleet.yaml", error.File);
        Assert.True(error.Column >= 1, $"column {error.Column} should be 1-based");
        return error;
    }
}
