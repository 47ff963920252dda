using FleetOps.Shared.Api;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>
/// The loop from a commit to retained desired messages, against a real git repository, the shared
/// renderer with kustomize, and a real broker.
/// </summary>
public sealed class GitWatcherTests
{
    [Fact]
    public async Task ACommitChangingOneOverlayMovesOnlyThatGroupAndRepublishesOnlyItsMembers()
    {
        await using var scenario = await StartAsync(realRenderer: true);
        var east = await scenario.AddAgentAsync("store-east-1", Labels(("region", "east")));
        var west = await scenario.AddAgentAsync("store-west-1", Labels(("region", "west")));
        var first = scenario.Repository.Head;
        var eastBefore = await east.WaitForDesiredAsync(d => d.Groups.Count == 2, "east has platform and pos-east");
        var westBefore = await west.WaitForDesiredAsync(d => d.Groups.Count == 2, "west has platform and pos-west");
        Assert.All(eastBefore.Groups, g => Assert.Equal(first, g.Revision));
        var westCount = west.DesiredReceived.Count;

        scenario.Repository.WriteFromTestData("apps/pos/overlays/east/region.yaml", "changes/east-region-v2.yaml");
        var second = scenario.Repository.Commit("East: new tax rate");
        var refresh = await scenario.Hub.Client.RefreshAsync(default);

        Assert.Equal(["pos-east"], refresh.MovedGroups);
        var eastAfter = await east.WaitForDesiredAsync(d => d.Generation > eastBefore.Generation, "east receives a new generation");
        Assert.Equal(second, eastAfter.Groups.Single(g => g.Name == "pos-east").Revision);
        Assert.Equal(first, eastAfter.Groups.Single(g => g.Name == "platform").Revision);
        Assert.NotEqual(eastBefore.Groups.Single(g => g.Name == "pos-east").Digest, eastAfter.Groups.Single(g => g.Name == "pos-east").Digest);

        var fleet = await scenario.Hub.Client.GetFleetAsync(default);
        Assert.Equal(second, fleet.Commit!.Sha);
        Assert.Equal(first, fleet.Groups.Single(g => g.Name == "pos-west").Target!.Commit.Sha);
        Assert.Equal(westCount, west.DesiredReceived.Count);
        Assert.Equal(westBefore.Generation, west.LatestDesired!.Generation);
    }

    [Fact]
    public async Task ACommitTouchingOnlyTheReadmeMovesNothing()
    {
        await using var scenario = await StartAsync(realRenderer: true);
        var east = await scenario.AddAgentAsync("store-east-2", Labels(("region", "east")));
        var before = await east.WaitForDesiredAsync(d => d.Groups.Count == 2, "east has its groups");

        scenario.Repository.WriteFromTestData("README.md", "changes/README-v2.md");
        var readmeCommit = scenario.Repository.Commit("Docs only");
        var refresh = await scenario.Hub.Client.RefreshAsync(default);

        Assert.True(refresh.Processed);
        Assert.Empty(refresh.MovedGroups);
        var fleet = await scenario.Hub.Client.GetFleetAsync(default);
        Assert.Equal(readmeCommit, fleet.Commit!.Sha);
        Assert.All(fleet.Groups, g => Assert.NotEqual(readmeCommit, g.Target!.Commit.Sha));
        Assert.Single(east.DesiredReceived);
        Assert.Equal(before.Generation, east.LatestDesired!.Generation);
    }

    [Fact]
    public async Task AnUnchangedHeadIsNotFetchedOrProcessedAgain()
    {
        await using var scenario = await StartAsync(realRenderer: true);
        var again = await scenario.Hub.Client.RefreshAsync(default);
        Assert.False(again.Processed);
        Assert.Equal(scenario.Repository.Head, again.Head);
    }

    [Fact]
    public async Task AnInvalidFleetYamlIsRefusedWithFileAndLineAndTheTargetsStayPublished()
    {
        await using var scenario = await StartAsync(realRenderer: true);
        var east = await scenario.AddAgentAsync("store-east-3", Labels(("region", "east")));
        var before = await east.WaitForDesiredAsync(d => d.Groups.Count == 2, "east has its groups");
        var good = scenario.Repository.Head;

        scenario.Repository.WriteFromTestData("fleet.yaml", "changes/fleet-invalid.yaml");
        scenario.Repository.WriteFromTestData("apps/pos/overlays/east/region.yaml", "changes/east-region-v2.yaml");
        var bad = scenario.Repository.Commit("Typo in fleet.yaml");
        var refresh = await scenario.Hub.Client.RefreshAsync(default);

        // Every error the parser found, one apiece, each with its own line.
        var errors = refresh.Errors.Where(e => e.Kind == FleetErrorKinds.Definition).ToList();
        Assert.Equal([6, 8], errors.Select(e => e.Line));
        Assert.All(errors, e => Assert.Equal(("fleet.yaml", bad), (e.File, e.Commit)));
        Assert.StartsWith("fleet.yaml:6: group 'pos-east': selector is missing", errors[0].Message);
        Assert.Equal("fleet.yaml:8: group 'pos-east': unknown field 'selectr' (did you mean 'selector'?)", errors[1].Message);
        Assert.Empty(refresh.MovedGroups);

        var fleet = await scenario.Hub.Client.GetFleetAsync(default);
        Assert.Equal(good, fleet.Commit!.Sha);
        Assert.Contains(fleet.Errors, e => e.Kind == FleetErrorKinds.Definition && e.Commit == bad);
        Assert.Equal(3, fleet.Groups.Count);
        Assert.Equal(before.Generation, east.LatestDesired!.Generation);
    }

    [Fact]
    public async Task AGroupPathThatDoesNotExistIsRefusedWithDidYouMean()
    {
        await using var scenario = await StartAsync(realRenderer: true);
        scenario.Repository.WriteFromTestData("fleet.yaml", "changes/fleet-missing-path.yaml");
        scenario.Repository.Commit("Mistyped path");

        var refresh = await scenario.Hub.Client.RefreshAsync(default);

        var error = Assert.Single(refresh.Errors, e => e.Kind == FleetErrorKinds.Definition);
        Assert.Equal(7, error.Line);
        Assert.Contains("path 'apps/pos/overlays/est' does not exist", error.Message);
        Assert.Contains("did you mean 'apps/pos/overlays/east'?", error.Message);
        Assert.Equal(3, (await scenario.Hub.Client.GetFleetAsync(default)).Groups.Count);
    }

    [Fact]
    public async Task ABrokenOverlayKeepsTheGroupsPreviousTargetAndShowsTheRenderError()
    {
        await using var scenario = await StartAsync(realRenderer: true);
        var east = await scenario.AddAgentAsync("store-east-4", Labels(("region", "east")));
        var before = await east.WaitForDesiredAsync(d => d.Groups.Count == 2, "east has its groups");
        var good = scenario.Repository.Head;

        scenario.Repository.WriteFromTestData("apps/pos/overlays/east/kustomization.yaml", "changes/east-broken-kustomization.yaml");
        scenario.Repository.WriteFromTestData("platform/namespace.yaml", "changes/platform-namespace-v2.yaml");
        var broken = scenario.Repository.Commit("Broken east overlay, new platform namespace");
        var refresh = await scenario.Hub.Client.RefreshAsync(default);

        Assert.Equal(["platform"], refresh.MovedGroups);
        var error = Assert.Single(refresh.Errors);
        Assert.Equal(FleetErrorKinds.Render, error.Kind);
        Assert.Contains("pos-east", error.Message);
        Assert.Contains("does-not-exist.yaml", error.Message);

        var after = await east.WaitForDesiredAsync(d => d.Generation > before.Generation, "east gets the platform move");
        Assert.Equal(good, after.Groups.Single(g => g.Name == "pos-east").Revision);
        Assert.Equal(broken, after.Groups.Single(g => g.Name == "platform").Revision);
        var group = await scenario.Hub.Client.GetGroupAsync("pos-east", default);
        Assert.Equal(good, group.Group.Target!.Commit.Sha);
        Assert.NotNull(group.Group.Error);
    }

    [Fact]
    public async Task ASourcePathThatWentAwayIsNamedAsMissingAndTheErrorClearsWhenItIsBack()
    {
        await using var scenario = await StartAsync(realRenderer: true);
        var path = scenario.Repository.Path;
        var aside = path + "-moved";

        Directory.Move(path, aside);
        RefreshResult refresh;
        try
        {
            refresh = await scenario.Hub.Client.RefreshAsync(default);
        }
        finally
        {
            Directory.Move(aside, path);
        }

        Assert.Null(refresh.Head);
        var error = Assert.Single(refresh.Errors);
        Assert.Equal(FleetErrorKinds.Source, error.Kind);
        Assert.Contains($"the repository path {path} does not exist", error.Message);
        Assert.DoesNotContain("unsupported URL protocol", error.Message);
        Assert.Contains((await scenario.Hub.Client.GetFleetAsync(default)).Errors, e => e.Kind == FleetErrorKinds.Source);

        var back = await scenario.Hub.Client.RefreshAsync(default);
        Assert.Equal(scenario.Repository.Head, back.Head);
        Assert.DoesNotContain((await scenario.Hub.Client.GetFleetAsync(default)).Errors, e => e.Kind == FleetErrorKinds.Source);
    }

    [Fact]
    public async Task AnObjectNoStoreCouldApplyKeepsTheGroupsPreviousTargetLikeARenderError()
    {
        await using var scenario = await StartAsync(realRenderer: true);
        var east = await scenario.AddAgentAsync("store-east-5", Labels(("region", "east")));
        var before = await east.WaitForDesiredAsync(d => d.Groups.Count == 2, "east has its groups");
        var good = scenario.Repository.Head;

        scenario.Repository.WriteFromTestData("apps/pos/overlays/east/region.yaml", "changes/east-region-wrong-type.yaml");
        var refused = scenario.Repository.Commit("East: tax rate as a number");
        var refresh = await scenario.Hub.Client.RefreshAsync(default);

        Assert.Empty(refresh.MovedGroups);
        var error = Assert.Single(refresh.Errors);
        Assert.Equal(FleetErrorKinds.Render, error.Kind);
        Assert.Equal(refused, error.Commit);
        Assert.Contains("group 'pos-east'", error.Message);
        Assert.Contains("preflight: no store could apply 1 problem: ConfigMap/pos/pos-region: ", error.Message);
        Assert.Contains("data.tax-rate", error.Message);
        var group = await scenario.Hub.Client.GetGroupAsync("pos-east", default);
        Assert.Equal(good, group.Group.Target!.Commit.Sha);
        Assert.Contains("preflight", group.Group.Error!.Message);
        Assert.Equal(before.Generation, east.LatestDesired!.Generation);
    }
}
