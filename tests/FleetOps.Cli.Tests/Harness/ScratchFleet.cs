using FleetOps.Hub.Tests.Harness;

namespace FleetOps.Cli.Tests.Harness;

/// <summary>
/// A hub for the tests that change things (register, refresh, wait while stores converge). They share it
/// one after another and stay out of each other's way: each uses its own cluster ids and labels.
/// </summary>
public sealed class ScratchFleet : IAsyncLifetime
{
    private readonly TempFolder folder = new("fleetops-cli-scratch");
    private readonly List<SimulatedAgent> agents = [];

    public FleetRepo Repo { get; private set; } = null!;

    public InProcessHub Hub { get; private set; } = null!;

    public CliEnvironment Env => CliRunner.Environment(TimeProvider.System, new Dictionary<string, string>
    {
        ["FLEETOPS_HUB"] = Hub.BaseAddress.ToString(),
        ["FLEETOPS_TOKEN"] = InProcessHub.AdminToken,
    });

    public Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(Env, args);

    public async Task InitializeAsync()
    {
        Repo = FleetRepo.Create(folder.Sub("repo"), DateTimeOffset.UtcNow.AddMinutes(-30));
        Hub = await InProcessHub.StartAsync(folder.Sub("data"), Repo.Path, TimeProvider.System);
        await Hub.Api.RefreshAsync();
    }

    /// <summary>Registers and connects a stand-in agent that the fixture disconnects at the end.</summary>
    public async Task<SimulatedAgent> AddAgentAsync(string id, IReadOnlyDictionary<string, string> labels)
    {
        var registered = await Hub.Api.RegisterAsync(id, labels);
        var agent = await Hub.ConnectAgentAsync(id, registered.Token, labels);
        agents.Add(agent);
        return agent;
    }

    public async Task DisposeAsync()
    {
        foreach (var agent in agents)
            await agent.DisposeAsync();
        if (Hub is not null)
            await Hub.DisposeAsync();
        folder.Dispose();
    }
}
