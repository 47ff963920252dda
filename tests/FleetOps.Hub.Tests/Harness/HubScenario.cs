using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Tests.Harness;

/// <summary>
/// A hub over a fresh fleet repository, its data dir and repository in one temp folder, with helpers
/// to register and connect simulated agents. Disposing stops everything and deletes the folder.
/// </summary>
public sealed class HubScenario : IAsyncDisposable
{
    private readonly TempFolder folder = new();
    private readonly List<SimulatedAgent> agents = [];

    private readonly bool realRenderer;

    private HubScenario(bool realRenderer)
    {
        this.realRenderer = realRenderer;
        Repository = FleetRepository.Create(folder.Sub("repo"));
    }

    public FleetRepository Repository { get; }

    public TestHub Hub { get; private set; } = null!;

    public string DataDir => folder.Sub("data");

    /// <summary>Starts the hub and, unless told otherwise, has it process the repository's first commit.</summary>
    public static async Task<HubScenario> StartAsync(bool refresh = true, bool realRenderer = false)
    {
        var scenario = new HubScenario(realRenderer);
        try
        {
            scenario.Hub = await TestHub.StartAsync(scenario.DataDir, scenario.Repository.Path, realRenderer);
            if (refresh)
                await scenario.Hub.Api.RefreshAsync();
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the hub and starts a new one on the same data dir and repository.</summary>
    public async Task RestartAsync()
    {
        await DisconnectAgentsAsync();
        await Hub.DisposeAsync();
        Hub = await TestHub.StartAsync(DataDir, Repository.Path, realRenderer);
    }

    public async Task<SimulatedAgent> AddAgentAsync(string id, IReadOnlyDictionary<string, string> labels, bool connect = true)
    {
        var registration = await Hub.Api.RegisterAsync(id, labels);
        var agent = new SimulatedAgent(id, registration.Token, "127.0.0.1", Hub.MqttPort);
        agents.Add(agent);
        if (connect)
        {
            Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, await agent.ConnectAsync());
            await agent.SayHelloAsync(labels);
        }
        return agent;
    }

    public SimulatedAgent Reconnecting(SimulatedAgent before, string token)
    {
        var agent = new SimulatedAgent(before.ClusterId, token, "127.0.0.1", Hub.MqttPort);
        agents.Add(agent);
        return agent;
    }

    public static IReadOnlyDictionary<string, string> Labels(params (string Key, string Value)[] labels) =>
        labels.ToDictionary(l => l.Key, l => l.Value);

    public static Task<DesiredMessage> DesiredAsync(SimulatedAgent agent, Func<DesiredMessage, bool> accept, string what) =>
        Eventually.ValueAsync(() => Task.FromResult(agent.LatestDesired!), d => d is not null && accept(d), what);

    public async ValueTask DisposeAsync()
    {
        await DisconnectAgentsAsync();
        if (Hub is not null)
            await Hub.DisposeAsync();
        folder.Dispose();
    }

    private async Task DisconnectAgentsAsync()
    {
        foreach (var agent in agents)
            await agent.DisposeAsync();
        agents.Clear();
    }
}
