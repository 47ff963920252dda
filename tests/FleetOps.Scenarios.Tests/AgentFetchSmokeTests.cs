using System.Text.RegularExpressions;
using FleetOps.Scenarios.Tests.Harness;

namespace FleetOps.Scenarios.Tests;

/// <summary>
/// The agent-fetch benchmark, small and as built, over both transports: no timing is asserted, only that a one-file
/// change brings the store the six objects of that change (commit, four trees, the file) in a young and in an aged
/// repository, and that the last line keeps the format scripts read.
/// </summary>
public sealed partial class AgentFetchSmokeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData("git")]
    [InlineData("http")]
    public async Task AOneFileChangeBringsTheStoreSixObjectsOverEitherTransport(string transport)
    {
        var (exitCode, output, errors) = await BenchmarkRun.RunAsync(Limit, "agent-fetch", "--files", "300", "--history", "10",
            "--aged-history", "300", "--tag-every", "10", "--series", "5", "--transport", transport);

        Assert.True(exitCode == 0, $"agent-fetch exited {exitCode}:\n{output}\n{errors}");
        var lastLine = output.TrimEnd().Split('\n')[^1].TrimEnd('\r');
        var figures = LastLine().Match(lastLine);
        Assert.True(figures.Success, $"last line: {lastLine}");
        Assert.Equal(transport, figures.Groups["transport"].Value);
        Assert.Equal("6", figures.Groups["change"].Value);
        Assert.Equal("6", figures.Groups["aged"].Value);
        Assert.True(double.Parse(figures.Groups["changeKib"].Value, System.Globalization.CultureInfo.InvariantCulture) * 10
            < double.Parse(figures.Groups["firstKib"].Value, System.Globalization.CultureInfo.InvariantCulture), lastLine);
    }

    [GeneratedRegex(@"^agent-fetch: files=300 repo_kib=\d+\.\d first_fetch_kib=(?<firstKib>\d+\.\d) change_fetch_kib=(?<changeKib>\d+\.\d) change_objects=(?<change>\d+) change10_fetch_kib=\d+\.\d change10_objects=\d+ series_max_kib=\d+\.\d cache_packs=\d+ transport=(?<transport>\w+) aged_commits=301 aged_first_fetch_kib=\d+\.\d aged_change_fetch_kib=\d+\.\d aged_change_objects=(?<aged>\d+)$")]
    private static partial Regex LastLine();
}
