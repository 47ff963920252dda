using FleetOps.Cli.Tests.Harness;
using FleetOps.Testing.Polling;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Cli.Tests.Changing;

/// <summary><c>token</c> and <c>deregister</c> take a store's access away at once, on a hub these tests may change.</summary>
[Collection(ScratchFleetCollection.Name)]
public sealed class RevokingCommandsTests(ScratchFleet fleet)
{
    [Fact]
    public async Task ANewTokenEndsTheLiveSessionOfTheOldOne()
    {
        var agent = await fleet.AddAgentAsync("store-rev-1", Labels(("region", "test")));

        var result = await fleet.RunAsync("token", "store-rev-1");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.StartsWith("issued store-rev-1 a new token; the old one is refused from now on\n" +
            "the hub's broker ended the session the old token was used for (an external broker must be told itself)\n", result.Stdout);
        await Eventually.UntilAsync(() => !agent.IsConnected, "the old token's session is ended", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task DeregisterWithoutYesSaysWhatItWouldRemoveAndRemovesNothing()
    {
        var agent = await fleet.AddAgentAsync("store-rev-2", Labels(("region", "test")));

        var result = await fleet.RunAsync("deregister", "store-rev-2");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("error: deregistering store-rev-2 ends its agent's session, takes it out of its groups and deletes its state and journal on the hub; it cannot be undone", result.Stderr);
        Assert.Contains("hint: keep its journal first if you need it: fleetops history store-rev-2 -o json > store-rev-2-history.json", result.Stderr);
        Assert.Contains("hint: then: fleetops deregister store-rev-2 --yes", result.Stderr);
        Assert.True(agent.IsConnected);
        Assert.Equal(ExitCodes.Ok, (await fleet.RunAsync("cluster", "store-rev-2")).ExitCode);
    }

    [Fact]
    public async Task DeregisterWithYesEndsTheSessionAndTheClusterIsGone()
    {
        var agent = await fleet.AddAgentAsync("store-rev-3", Labels(("region", "test")));

        var result = await fleet.RunAsync("deregister", "store-rev-3", "--yes");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.StartsWith("deregistered store-rev-3: it left its groups, and the hub deleted its state and journal\n" +
            "the hub's broker ended its agent's session, and its token no longer connects\n", result.Stdout);
        await Eventually.UntilAsync(() => !agent.IsConnected, "its session is ended", TimeSpan.FromSeconds(5));
        var gone = await fleet.RunAsync("cluster", "store-rev-3");
        Assert.Equal(ExitCodes.Error, gone.ExitCode);
        Assert.Contains("there is no registered cluster 'store-rev-3'", gone.Stderr);
    }

    [Fact]
    public async Task DeregisteringAnUnknownClusterNamesTheNearestOnes()
    {
        await fleet.AddAgentAsync("store-rev-4", Labels(("region", "test")));

        var result = await fleet.RunAsync("deregister", "store-rev-44", "--yes");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("did you mean", result.Stderr);
        Assert.Contains("store-rev-4", result.Stderr);
    }
}
