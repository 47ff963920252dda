using FleetOps.Scenarios.Tests.Harness;

namespace FleetOps.Scenarios.Tests;

/// <summary>Scenario b: a broken overlay never reaches a store; the error is visible; the fix rolls out.</summary>
public sealed class BrokenOverlayTests
{
    private const string Overlay = "apps/pos/overlays/east/kustomization.yaml";

    [Fact]
    public async Task ABrokenOverlayKeepsStoresOnThePreviousRevisionUntilTheFixRollsOut()
    {
        await using var fleet = await ScenarioFleet.StartAsync([Stores.East("store-e1"), Stores.East("store-e2")]);
        var good = fleet.Repository.Head;
        await fleet.WaitConvergedAsync("pos-east", good, ["store-e1", "store-e2"]);
        var working = fleet.Repository.Read(Overlay);

        var broken = await fleet.CommitRefusedAsync("pos-east", Overlay, working.Replace("  - ../../base", "  - ../../base\n  - receipt-printer.yaml"), "East: add receipt printer (file forgotten)");

        await ScenarioFleet.EventuallyAsync(async () => (await fleet.StatusAsync()).Errors.Any(e => e.Commit == broken), "the render error to show in fleetops status");
        var status = await fleet.StatusAsync();
        var error = Assert.Single(status.Errors, e => e.Commit == broken);
        Assert.Contains("receipt-printer.yaml", error.Message);
        var table = await fleet.CliAsync("status");
        Assert.Contains("receipt-printer.yaml", table.Stdout);
        Assert.True(table.Stdout.IndexOf("receipt-printer", StringComparison.Ordinal) < table.Stdout.IndexOf("GROUP", StringComparison.Ordinal),
            "errors come before the group table:\n" + table.Stdout);

        // The stores stay on the last good revision; the group target never moved to the broken commit.
        Assert.Equal(good, status.Groups.Single(g => g.Name == "pos-east").Target!.Commit.Sha);
        Assert.True(await fleet.ConvergedAtAsync("pos-east", good, ["store-e1", "store-e2"]));
        foreach (var id in new[] { "store-e1", "store-e2" })
            Assert.DoesNotContain((await fleet.ClusterAsync(id)).Groups, g => g.DesiredRevision == broken);

        var fixedSha = await fleet.CommitAsync(Overlay, working.Replace("newTag: \"2.14.0\"", "newTag: \"2.14.2\""), "East: drop the printer, ship 2.14.2");

        await fleet.WaitConvergedAsync("pos-east", fixedSha, ["store-e1", "store-e2"]);
        await ScenarioFleet.EventuallyAsync(async () => (await fleet.StatusAsync()).Errors.Count == 0, "the render error to clear");
    }
}
