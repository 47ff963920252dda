using FleetOps.Cli.Tests.Harness;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Network;

namespace FleetOps.Cli.Tests.Waiting;

/// <summary>A wait rides out a hub it cannot reach until its own timeout, and only then exits 3.</summary>
public sealed class WaitThroughOutageTests
{
    [Fact]
    public async Task AnUnreachableHubIsRetriedUntilTheTimeoutThenExitsThree()
    {
        var closed = $"http://127.0.0.1:{FreePort.Next()}";

        var result = await CliRunner.RunAsync(CliRunner.Environment(), "wait", "--group", "pos-east", "--hub", closed, "--timeout", "2s", "--interval", "100ms");

        Assert.Equal(ExitCodes.HubUnreachable, result.ExitCode);
        Assert.Contains($"waiting: cannot reach the hub at {closed}: Connection refused; retrying", result.Stderr);
        Assert.Contains($"error: cannot reach the hub at {closed}", result.Stderr);
    }
}
