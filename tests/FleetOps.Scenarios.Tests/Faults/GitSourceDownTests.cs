using System.Diagnostics;
using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Xunit.Abstractions;

namespace FleetOps.Scenarios.Tests.Faults;

/// <summary>
/// The fleet-config repository gone (its folder moved away, as when a mount is lost) while a store still has a
/// revision to fetch: everyone who depends on it says so and names the cause, nothing pretends to have worked,
/// and the fleet catches up once it is back.
/// </summary>
public sealed class GitSourceDownTests(ITestOutputHelper output)
{
    private const string StoreInfo = "platform/store-info.yaml";

    [Fact]
    public async Task AMissingRepositoryIsNamedByRefreshWaitAndTheStoreAndTheFleetCatchesUpWhenItIsBack()
    {
        await using var fleet = await ScenarioFleet.StartAsync([Stores.East("store-e1")]);
        var store = fleet.Fleet["store-e1"];
        var path = fleet.Repository.Path;
        var first = fleet.Repository.Head;
        await fleet.WaitConvergedAsync("platform", first, "store-e1");

        // The hub takes a new revision while the store is cut off, so the store will have to fetch it later.
        store.Link.Sever();
        var second = await fleet.CommitAsync(StoreInfo, fleet.Repository.Read(StoreInfo) + "  opening-hours: \"07:00-22:00\"\n", "Store info: opening hours");
        fleet.Repository.Write(StoreInfo, fleet.Repository.Read(StoreInfo) + "  closing-day: sunday\n");
        var third = fleet.Repository.Commit("Store info: closing day (not fetched yet)");

        Directory.Move(path, path + "-moved");
        var gone = Stopwatch.StartNew();
        try
        {
            var refresh = await fleet.CliAsync("refresh");
            Assert.True(refresh.ExitCode == 1, refresh.ToString());
            Assert.Contains($"the repository path {path} does not exist", refresh.Stderr);
            Assert.DoesNotContain("unsupported URL protocol", refresh.ToString());

            var wait = await fleet.CliAsync("wait", "--group", "platform", "--revision", third, "--timeout", "0s");
            Assert.True(wait.ExitCode == 4, wait.ToString());
            // The note is wrapped to the width of the output; read it as one line.
            var note = string.Join(' ', wait.Stdout.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"its last fetch failed: cannot fetch {path} (main): the repository path {path} does not exist", note);

            store.Link.Restore();
            await ScenarioFleet.EventuallyAsync(async () => PlatformOf(await fleet.ClusterAsync("store-e1")) is { Reason: Reasons.SourceUnavailable },
                "the store to report that it cannot fetch the new revision");
            var platform = PlatformOf(await fleet.ClusterAsync("store-e1"))!;
            Assert.Equal((Phase.Failed, second, first), (platform.Phase, platform.DesiredRevision, platform.AppliedRevision));
            Assert.Contains($"the repository path {path} does not exist", platform.Message);
            Assert.DoesNotContain("unsupported URL protocol", platform.Message);
            Assert.Contains((await fleet.StatusAsync()).Errors, e => e.Kind == FleetErrorKinds.Source && e.Message.Contains($"the repository path {path} does not exist"));
        }
        finally
        {
            if (!Directory.Exists(path))
                Directory.Move(path + "-moved", path);
        }

        var back = Stopwatch.StartNew();
        var again = await fleet.CliAsync("refresh");
        Assert.True(again.ExitCode == 0, again.ToString());
        await fleet.WaitConvergedAsync("platform", third, "store-e1");
        output.WriteLine($"repository back to the store converged at the newest revision: {back.Elapsed.TotalSeconds:F1} s (away {gone.Elapsed.TotalSeconds:F1} s)");
        Assert.DoesNotContain((await fleet.StatusAsync()).Errors, e => e.Kind == FleetErrorKinds.Source);
    }

    private static ClusterGroupView? PlatformOf(ClusterDetail detail) => detail.Groups.FirstOrDefault(g => g.Name == "platform");
}
