using System.Text.RegularExpressions;
using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Testing.Files;

namespace FleetOps.Scenarios.Tests;

/// <summary>
/// The fleet-scale benchmark at 200 stores (and fleet-agents at 20 real agents), as built: the real hub process, 200 MQTT stores, a commit, a
/// restart. No timing is asserted (the machine is shared); that every store converges, nothing is lost and
/// the last line keeps the format scripts read.
/// </summary>
public sealed partial class FleetScaleSmokeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task TwoHundredStoresAllConvergeAndNothingIsLost()
    {
        using var results = new TempDir("fleetops-fleet-scale");
        var (exitCode, output, errors) = await BenchmarkRun.RunAsync(Limit, "fleet-scale", "--stores", "200", "--converge-ms", "500", "--fail-percent", "1", "--results", results.Path);

        Assert.True(exitCode == 0, $"fleet-scale exited {exitCode}:\n{output}\n{errors}");
        Assert.Contains("(198/198; 2/2 Failed as meant)", output);
        var lastLine = output.TrimEnd().Split('\n')[^1].TrimEnd('\r');
        Assert.Matches(LastLine(), lastLine);
        Assert.True(File.Exists(Path.Combine(results.Path, "fleet-scale-200.csv")), output);
        Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(results.Path, "fleet-scale.svg")));
    }

    [Fact]
    public async Task TwoHundredStoresInFourGroupsRollOutWaveByWaveAndEveryRolloutCompletes()
    {
        using var results = new TempDir("fleetops-fleet-scale");
        var (exitCode, output, errors) = await BenchmarkRun.RunAsync(Limit, "fleet-scale", "--stores", "200", "--groups", "4", "--rollout",
            "--converge-ms", "500", "--fail-percent", "1", "--results", results.Path);

        Assert.True(exitCode == 0, $"fleet-scale exited {exitCode}:\n{output}\n{errors}");
        // The two failing stores fall in two different groups, each inside its rollout's failure budget.
        Assert.Contains("(198/198; 2/2 Failed as meant)", output);
        Assert.Matches(@"rollouts: 4 \(canary 1 in 50, then 33/66/100%, bake 0\) all Completed \d+\.\d s after the commit", output);
        Assert.Matches(LastLine(), output.TrimEnd().Split('\n')[^1].TrimEnd('\r'));
        Assert.True(File.Exists(Path.Combine(results.Path, "fleet-scale-200-g4-rollout.csv")), output);
    }

    [Fact]
    public async Task TwentyRealAgentsConvergeOnACommitOfEveryGroupSharingTheirRenders()
    {
        var (exitCode, output, errors) = await BenchmarkRun.RunAsync(Limit, "fleet-agents", "--agents", "20", "--rollout-delay-ms", "200");

        Assert.True(exitCode == 0, $"fleet-agents exited {exitCode}:\n{output}\n{errors}");
        // Five groups, each at two revisions: ten distinct checkouts to render however many stores there are.
        Assert.Matches(@"renders: 10 run, \d+ answered from another store's identical checkout", output);
        Assert.Matches(@"every group of all 20 stores \d+\.\d s", output);
        Assert.Matches(AgentsLastLine(), output.TrimEnd().Split('\n')[^1].TrimEnd('\r'));
    }

    [GeneratedRegex(@"^fleet-agents: agents=20 all_converged_s=\d+\.\d sim_rss_mib=\d+ hub_rss_mib=\d+$")]
    private static partial Regex AgentsLastLine();

    [GeneratedRegex(@"^fleet-scale: stores=200 p99_converged_s=\d+\.\d hub_rss_mib=\d+ restart_online_s=\d+\.\d lost=0$")]
    private static partial Regex LastLine();
}
