using FleetOps.Cli.Tests.Harness;
using FleetOps.Testing.Network;

namespace FleetOps.Cli.Tests.Errors;

/// <summary>Each documented exit code, produced the way a pipeline would meet it.</summary>
[Collection(SeededFleetCollection.Name)]
public sealed class ExitCodeTests(SeededFleet fleet)
{
    [Fact]
    public async Task ZeroWhenTheCommandAnswered() =>
        Assert.Equal(ExitCodes.Ok, (await fleet.RunAsync("status")).ExitCode);

    [Fact]
    public async Task OneWhenTheHubAnsweredWithAnError() =>
        Assert.Equal(ExitCodes.Error, (await fleet.RunAsync("cluster", "no-such-store")).ExitCode);

    [Fact]
    public async Task TwoWhenTheCommandLineIsWrong() =>
        Assert.Equal(ExitCodes.Usage, (await fleet.RunAsync("clusters", "--page", "first")).ExitCode);

    [Fact]
    public async Task ThreeWhenTheHubCannotBeReached() =>
        Assert.Equal(ExitCodes.HubUnreachable, (await fleet.RunAsync("status", "--hub", $"http://127.0.0.1:{FreePort.Next()}")).ExitCode);

    [Fact]
    public async Task FourWhenAWaitIsNotMet() =>
        // With a revision: a wait without one refreshes first, and the seeded hub must not change under the golden files.
        Assert.Equal(ExitCodes.WaitNotMet, (await fleet.RunAsync("wait", "--group", "pos-east", "--revision", fleet.Bump[..7], "--timeout", "0s")).ExitCode);
}
