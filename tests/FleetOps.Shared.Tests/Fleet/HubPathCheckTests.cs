using FleetOps.Shared.Fleet;

namespace FleetOps.Shared.Tests.Fleet;

// The hub checks paths at a commit after parsing; these are the pieces it reuses for that.
public sealed class HubPathCheckTests
{
    private static readonly string[] FoldersAtCommit = ["platform", "apps/pos/base", "apps/pos/overlays/east", "apps/pos/overlays/west"];

    [Fact]
    public void AMissingPathIsReportedAtItsLineWithTheNearestFolder()
    {
        var posEast = FleetYamlFixtures.ParseValid("valid-path-typo.yaml").FindGroup("pos-east")!;

        var error = FleetYamlError.PathNotFound(posEast, "3f2a1c9", FoldersAtCommit);

        Assert.Equal(FleetYamlErrorCode.PathNotFound, error.Code);
        Assert.Equal(
            "fleet.yaml:14: group 'pos-east': path 'apps/pos/overlays/est' does not exist at 3f2a1c9 (did you mean 'apps/pos/overlays/east'?)",
            error.ToString());
    }

    [Fact]
    public void AMissingPathWithNoCloseFolderSaysWhatToGive()
    {
        var posEast = FleetYamlFixtures.ParseValid("valid-path-typo.yaml").FindGroup("pos-east")!;

        var error = FleetYamlError.PathNotFound(posEast, "3f2a1c9", ["platform"]);

        Assert.Equal(
            "path 'apps/pos/overlays/est' does not exist at 3f2a1c9 (give the folder that holds the group's kustomization.yaml or YAML files)",
            error.Message);
    }

    [Fact]
    public void AddingAnErrorTurnsASuccessfulParseIntoAFailure()
    {
        var parsed = FleetYamlFixtures.Parse("valid-path-typo.yaml");
        var posEast = parsed.Definition!.FindGroup("pos-east")!;

        var checkedResult = parsed.WithErrors([FleetYamlError.PathNotFound(posEast, "3f2a1c9", FoldersAtCommit)]);

        Assert.False(checkedResult.Succeeded);
        Assert.Equal((FleetYamlErrorCode.PathNotFound, 14), (checkedResult.Errors[0].Code, checkedResult.Errors[0].Line));
    }

    [Fact]
    public void AddingNoErrorsKeepsTheSuccess()
    {
        var parsed = FleetYamlFixtures.Parse("valid-path-typo.yaml");

        Assert.Same(parsed, parsed.WithErrors([]));
    }

    [Fact]
    public void AddedErrorsJoinTheParseErrorsInLineOrder()
    {
        var parsed = FleetYamlFixtures.Parse("valid-path-typo.yaml");
        var group = parsed.Definition!.FindGroup("platform")!;

        var result = parsed
            .WithErrors([FleetYamlError.PathNotFound(parsed.Definition.FindGroup("pos-east")!, "3f2a1c9", FoldersAtCommit)])
            .WithErrors([FleetYamlError.AtPath(group, FleetYamlErrorCode.PathNotFound, "path 'platform' holds no YAML files")]);

        Assert.Equal([5, 14], result.Errors.Select(error => error.Line));
    }
}
