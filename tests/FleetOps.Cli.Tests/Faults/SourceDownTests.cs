using System.Text.Json;
using FleetOps.Cli.Waiting;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Hub;

namespace FleetOps.Cli.Tests.Faults;

/// <summary>
/// The fleet-config repository out of reach of the hub (here: its folder moved away). The commands that depend on
/// the hub's fetch say so and name the cause, instead of succeeding quietly or blaming a URL scheme.
/// </summary>
public sealed class SourceDownTests
{
    [Fact]
    public async Task RefreshExitsOneAndNamesTheMissingRepositoryWhenTheFetchFails()
    {
        await using var scenario = await HubScenario.StartAsync();
        var path = scenario.Repository.Path;

        var result = await WithSourceMovedAsync(path, () => CliRunner.RunAsync(CliRunner.Environment(scenario.Hub), "refresh"));

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        Assert.Contains($"the hub could not fetch {path} (main)", result.Stdout + result.Stderr);
        Assert.Contains($"the repository path {path} does not exist", result.Stdout + result.Stderr);
        Assert.DoesNotContain("no head to look at", result.Stdout + result.Stderr);
        Assert.DoesNotContain("unsupported URL protocol", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task WaitForARevisionTheHubCannotFetchShowsTheFetchError()
    {
        await using var scenario = await HubScenario.StartAsync();
        var path = scenario.Repository.Path;
        scenario.Repository.Write("README.md", "a commit the hub never fetched\n");
        var unseen = scenario.Repository.Commit("Not fetched");

        var result = await WithSourceMovedAsync(path, async () =>
        {
            await scenario.Hub.Client.RefreshAsync(default);
            return await CliRunner.RunAsync(CliRunner.Environment(scenario.Hub),
                "wait", "--group", "platform", "--revision", unseen, "--timeout", "0s", "-o", "json");
        });

        Assert.Equal(ExitCodes.WaitNotMet, result.ExitCode);
        var report = JsonSerializer.Deserialize(result.Stdout, WaitJsonContext.Default.WaitReport)!;
        Assert.Contains($"the hub has not processed revision {unseen} yet", report.Note);
        Assert.Contains($"its last fetch failed: cannot fetch {path} (main): the repository path {path} does not exist", report.Note);
    }

    private static async Task<T> WithSourceMovedAsync<T>(string path, Func<Task<T>> act)
    {
        var aside = path + "-moved";
        Directory.Move(path, aside);
        try
        {
            return await act();
        }
        finally
        {
            Directory.Move(aside, path);
        }
    }
}
