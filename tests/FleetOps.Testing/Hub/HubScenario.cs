using FleetOps.Cli.Client;
using FleetOps.Shared.Api;
using FleetOps.Testing.Agents;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Rendering;
using FleetOps.Testing.Signing;
using MQTTnet;
using Xunit;

namespace FleetOps.Testing.Hub;

/// <summary>
/// A hub over a fresh git repository made from testdata/fleet-repo (or another template), its data dir and repository in one
/// temp folder, with the simulated agents a test adds. Disposing stops everything and deletes the folder.
/// </summary>
public sealed class HubScenario : IAsyncDisposable
{
    private readonly TempDir folder = new("fleetops-hub-scenario");
    private readonly List<SimulatedAgent> agents = [];

    private HubScenario(DateTimeOffset? firstCommitAt, ICommitSigner? signer, string template)
    {
        Repository = GitRepo.Create(folder.Sub("repo")).CopyFrom(template);
        Repository.Signer = signer;
        Repository.Commit("Initial fleet", firstCommitAt);
    }

    public GitRepo Repository { get; }

    public InProcessHub Hub { get; private set; } = null!;

    public string DataDir => folder.Sub("data");

    /// <summary>Starts the hub and, unless told otherwise, has it process the repository's first commit.</summary>
    /// <param name="realRenderer">Render through the shared renderer and kustomize, as in production, instead of the <see cref="StubRenderer"/>.</param>
    /// <param name="hub">Changes the hub's options further (its clock, settings, services).</param>
    /// <param name="firstCommitAt">The first commit's time, for tests whose output shows shas and ages.</param>
    /// <param name="signer">Signs the first commit and every later one (<see cref="GitRepo.Signer"/>), for hubs that verify commits.</param>
    /// <param name="template">What the repository starts with: a testdata name or a full path (the bundled fleet-config, say).</param>
    public static async Task<HubScenario> StartAsync(bool refresh = true, bool realRenderer = false,
        Func<InProcessHubOptions, InProcessHubOptions>? hub = null, DateTimeOffset? firstCommitAt = null, ICommitSigner? signer = null,
        string template = "fleet-repo")
    {
        var scenario = new HubScenario(firstCommitAt, signer, template);
        try
        {
            var options = new InProcessHubOptions
            {
                DataDir = scenario.DataDir,
                RepositoryUrl = scenario.Repository.Url,
                ConfigureServices = realRenderer ? null : StubRenderer.ReplaceIn,
            };
            scenario.Hub = await InProcessHub.StartAsync(hub is null ? options : hub(options));
            if (refresh)
                await scenario.Hub.Client.RefreshAsync(default);
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Disconnects the agents, stops the hub and starts a new one on the same data dir and repository;
    /// <paramref name="whileStopped"/> runs in between (to change the data dir as an operator or a fault would).
    /// </summary>
    public async Task RestartAsync(Action? whileStopped = null)
    {
        await DisconnectAgentsAsync();
        Hub = await Hub.RestartAsync(whileStopped);
    }

    /// <summary>As <see cref="RestartAsync(Action?)"/>, with work in between that waits (a broker restarted while no hub runs, say).</summary>
    public async Task RestartAsync(Func<Task> whileStopped)
    {
        await DisconnectAgentsAsync();
        Hub = await Hub.RestartAsync(whileStopped);
    }

    /// <summary>Registers a cluster and gives it an agent that, unless told otherwise, connects and says hello with its labels.</summary>
    public async Task<SimulatedAgent> AddAgentAsync(string id, IReadOnlyDictionary<string, string> labels, bool connect = true)
    {
        var registration = await Hub.Client.RegisterAsync(new RegisterClusterRequest(id, labels), default);
        var agent = Agent(id, registration.Token);
        if (connect)
        {
            Assert.Equal(MqttClientConnectResultCode.Success, await agent.ConnectAsync());
            await agent.SayHelloAsync(labels);
        }
        return agent;
    }

    /// <summary>An agent (not yet connected) for a cluster, with the token given; the scenario disconnects it at the end.</summary>
    public SimulatedAgent Agent(string id, string token)
    {
        var agent = new SimulatedAgent(id, token, "127.0.0.1", Hub.MqttPort);
        // Tests add agents from parallel tasks.
        lock (agents)
            agents.Add(agent);
        return agent;
    }

    /// <summary>The first page of clusters the filter selects, as <c>fleetops clusters</c> asks for it.</summary>
    public Task<ClusterPage> ClustersAsync(ClusterFilter filter) => Hub.Client.GetClustersAsync(filter, 1, 100, default);

    public static IReadOnlyDictionary<string, string> Labels(params (string Key, string Value)[] labels) =>
        labels.ToDictionary(l => l.Key, l => l.Value);

    public async ValueTask DisposeAsync()
    {
        await DisconnectAgentsAsync();
        if (Hub is not null)
            await Hub.DisposeAsync();
        Repository.Dispose();
        folder.Dispose();
    }

    private async Task DisconnectAgentsAsync()
    {
        foreach (var agent in agents)
            await agent.DisposeAsync();
        agents.Clear();
    }
}
