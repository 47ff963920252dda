using FleetOps.Cli.Tests.Harness;
using FleetOps.Testing.Cli;

namespace FleetOps.Cli.Tests.Parsing;

/// <summary>
/// The command line is checked before any hub is asked: every mistake here exits 2 with a message naming
/// the option and an example. No hub runs; the environment points at a port nothing listens on.
/// </summary>
public sealed class ArgumentParsingTests
{
    private static readonly CliEnvironment Env = CliRunner.Environment(variables: new Dictionary<string, string> { ["FLEETOPS_HUB"] = "http://127.0.0.1:9" });

    [Theory]
    [InlineData("--stale '5 minutes' is not a duration", "clusters", "--stale", "5 minutes")]
    [InlineData("--phase 'Broken' is not a phase; use one of Pending, Progressing, Converged", "clusters", "--phase", "Broken")]
    [InlineData("--page '0' must be a whole number from 1", "clusters", "--page", "0")]
    [InlineData("--page-size '5000' must be a whole number from 1 to 1000", "clusters", "--page-size", "5000")]
    [InlineData("give --page-size or --all, not both", "clusters", "--all", "--page-size", "10")]
    [InlineData("--since 'last tuesday' is not a time; use for example 2h", "history", "store-0001", "--since", "last tuesday")]
    [InlineData("--timeout 'soon' is not a duration", "wait", "--group", "pos-east", "--timeout", "soon")]
    [InlineData("--min-converged '120%' is not a percentage between 0 and 100", "wait", "--group", "pos-east", "--min-converged", "120%")]
    [InlineData("--revision 'HEAD' is not a commit sha", "wait", "--group", "pos-east", "--revision", "HEAD")]
    [InlineData("Option '--group' is required", "wait")]
    [InlineData("give a cluster ID or --group GROUP, not both", "history", "store-0001", "--group", "pos-east")]
    [InlineData("give a cluster ID (its journal) or --group GROUP (the group's rollout audit)", "history")]
    [InlineData("Option '--group' is required", "pin", "store-0001")]
    [InlineData("Option '--group' is required", "unpin", "store-0001")]
    [InlineData("--revision 'main' is not a commit sha", "pin", "store-0001", "--group", "pos-east", "--revision", "main")]
    [InlineData("Unrecognized command or argument 'halt'", "rollout", "halt", "pos-east")]
    [InlineData("Unrecognized command or argument '--all'", "rollout", "pause", "pos-east", "--all")]
    [InlineData("cluster id 'Store_42' is not valid", "register", "Store_42")]
    [InlineData("label 'region' is not key=value", "register", "store-0042", "-l", "region")]
    [InlineData("label 'fleetops.io/tier/x=edge': the key is not valid: it may contain at most one '/'", "register", "store-0042", "-l", "fleetops.io/tier/x=edge")]
    [InlineData("label 'region' is given twice ('east' and 'west')", "register", "store-0042", "-l", "region=east,region=west")]
    [InlineData("Unrecognized command or argument 'stauts'", "stauts")]
    [InlineData("Required command was not provided", new string[0])]
    [InlineData("Unrecognized command or argument 'extra'", "status", "-o", "table", "extra")]
    [InlineData("-o 'yaml' is not an output format; use table, wide or json", "status", "-o", "yaml")]
    [InlineData("-o 'YAML' is not an output format; use TABLE, WIDE or JSON", "status", "-o", "YAML")]
    [InlineData("--page-size '0' must be a whole number from 1 to 1000", "events", "--page-size", "0")]
    public async Task AMistakeOnTheCommandLineExitsTwoAndSaysWhatIsWrong(string message, params string[] args)
    {
        var result = await CliRunner.RunAsync(Env, args);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains(message, result.Stderr);
        Assert.Contains("--help shows the usage", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task SinceAfterUntilIsRefused()
    {
        var result = await CliRunner.RunAsync(Env, "history", "store-0001", "--since", "1h", "--until", "2h");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--since", result.Stderr);
        Assert.Contains("must be before --until", result.Stderr);
    }

    [Fact]
    public async Task HelpExitsZeroAndListsEveryCommandAndTheExitCodes()
    {
        var result = await CliRunner.RunAsync(Env, "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (var command in new[] { "status", "groups", "group", "clusters", "cluster", "history", "refresh", "register", "wait", "rollout", "pin", "unpin", "broker-ca" })
            Assert.Contains($"  {command} ", result.Stdout);
        Assert.Contains("0 ok, 1 error, 2 usage, 3 hub unreachable, 4 wait not met", result.Stdout);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("JSON")]
    [InlineData("wide")]
    [InlineData("table")]
    public void OutputFormatsParseInAnyCase(string format)
    {
        var root = CliApp.CreateRoot(new FleetOps.Cli.Commands.CliRuntime(Env, TextWriter.Null, TextWriter.Null));

        var parse = root.Parse(["status", "-o", format]);

        Assert.Empty(parse.Errors);
    }

    [Fact]
    public void RepeatedAndCommaSeparatedLabelsAreOneSet()
    {
        var root = CliApp.CreateRoot(new FleetOps.Cli.Commands.CliRuntime(Env, TextWriter.Null, TextWriter.Null));

        var parse = root.Parse(["register", "store-0042", "-l", "region=east,ring=canary", "-l", "store=0042"]);

        Assert.Empty(parse.Errors);
        Assert.Equal(3, LabelPairsFacts.Parse(["region=east,ring=canary", "store=0042"]).Count);
    }
}
