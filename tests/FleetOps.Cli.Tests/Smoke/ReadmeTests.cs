using FleetOps.Cli.Tests.Harness;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Files;

namespace FleetOps.Cli.Tests.Smoke;

/// <summary>The README's samples are the golden files, so the reference never drifts from what the CLI prints.</summary>
public sealed class ReadmeTests
{
    [Theory]
    [InlineData("status.txt")]
    [InlineData("history-store-0003.txt")]
    [InlineData("wait-pos-east.txt")]
    [InlineData("rollout-baking-pos-east.txt")]
    [InlineData("rollout-promote-pos-east.txt")]
    [InlineData("status-rollouts.txt")]
    [InlineData("history-group-pos-east.txt")]
    [InlineData("wait-halted-pos-west.txt")]
    public void TheReadmeShowsTheGoldenOutput(string golden)
    {
        var readme = File.ReadAllText(Path.Combine(Checkout.Root, "hub", "FleetOps.Cli", "README.md"));

        Assert.Contains(File.ReadAllText(Golden.SourcePath(golden)).TrimEnd('\n'), readme);
    }

    [Fact]
    public void EveryCommandHasARowInTheReference()
    {
        var readme = File.ReadAllText(Path.Combine(Checkout.Root, "hub", "FleetOps.Cli", "README.md"));
        var root = CliApp.CreateRoot(new FleetOps.Cli.Commands.CliRuntime(CliRunner.Environment(), TextWriter.Null, TextWriter.Null));

        foreach (var command in root.Subcommands)
            Assert.Contains($"| `fleetops {command.Name}", readme);
    }
}
