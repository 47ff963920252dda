using FleetOps.Cli.Tests.Harness;
using FleetOps.Testing.Cli;

namespace FleetOps.Cli.Tests.Tables;

/// <summary>Color only on a terminal, and never when NO_COLOR is set (no-color.org) or TERM is dumb.</summary>
[Collection(SeededFleetCollection.Name)]
public sealed class ColorTests(SeededFleet fleet)
{
    private const string Escape = "\u001b[";

    [Fact]
    public async Task ATerminalGetsColor()
    {
        var result = await CliRunner.RunAsync(fleet.Env with { IsTerminal = true }, "status");

        Assert.Contains(Escape, result.Stdout);
    }

    [Theory]
    [InlineData("NO_COLOR", "1")]
    [InlineData("TERM", "dumb")]
    public async Task NoColorOnATerminalThatAsksForNone(string variable, string value)
    {
        var env = fleet.Env with { IsTerminal = true };
        env = env with { Variables = new Dictionary<string, string>(env.Variables) { [variable] = value } };

        var result = await CliRunner.RunAsync(env, "status");

        Assert.DoesNotContain(Escape, result.Stdout);
        Assert.Contains("6/12 converged (50%)", result.Stdout);
    }

    [Fact]
    public async Task PipedOutputHasNoColor()
    {
        var result = await fleet.RunAsync("cluster", "store-0003");

        Assert.DoesNotContain(Escape, result.Stdout);
    }
}
