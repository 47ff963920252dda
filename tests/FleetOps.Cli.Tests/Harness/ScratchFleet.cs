using FleetOps.Testing.Agents;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Git;
using FleetOps.Testing.Hub;

namespace FleetOps.Cli.Tests.Harness;

/// <summary>
/// A hub for the tests that change things (register, refresh, wait while stores converge). They share it
/// one after another and stay out of each other's way: each uses its own cluster ids and labels.
/// </summary>
public sealed class ScratchFleet : IAsyncLifetime
{
    private HubScenario scenario = null!;

    public GitRepo Repo => scenario.Repository;

    public InProcessHub Hub => scenario.Hub;

    public CliEnvironment Env => CliRunner.Environment(Hub);

    public Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(Env, args);

    public async Task InitializeAsync() => scenario = await HubScenario.StartAsync(firstCommitAt: DateTimeOffset.UtcNow.AddMinutes(-30));

    /// <summary>Registers and connects a stand-in agent that the fixture disconnects at the end.</summary>
    public Task<SimulatedAgent> AddAgentAsync(string id, IReadOnlyDictionary<string, string> labels) => scenario.AddAgentAsync(id, labels);

    public async Task DisposeAsync()
    {
        if (scenario is not null)
            await scenario.DisposeAsync();
    }
}
