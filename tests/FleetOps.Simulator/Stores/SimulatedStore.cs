using System.Net;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Hosting;
using FleetOps.KubeEmulator;
using FleetOps.Shared.Rendering;
using FleetOps.Testing.Network;
using FleetOps.Testing.Time;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Simulator.Stores;

/// <summary>
/// One store: a real edge agent with its own data dir, its own MQTT connection (through a
/// <see cref="TcpProxy"/> that stands for the store's WAN link) and its own emulated k3s cluster.
/// </summary>
public sealed class SimulatedStore : IAsyncDisposable
{
    private readonly SimulatedFleetOptions fleet;
    private readonly IRenderer? sharedRenderer;
    private EdgeAgentHost? agent;

    internal SimulatedStore(StoreSpec spec, string token, EmulatedCluster cluster, TcpProxy link, SimulatedFleetOptions fleet, IRenderer? sharedRenderer = null)
    {
        this.sharedRenderer = sharedRenderer;
        Spec = spec;
        Token = token;
        Cluster = cluster;
        Link = link;
        Clock = new SkewedTimeProvider(spec.ClockOffset);
        this.fleet = fleet;
        DataDir = Path.Combine(fleet.Root, spec.Id);
        Directory.CreateDirectory(DataDir);
        Kubeconfig = Path.Combine(DataDir, "kubeconfig");
        cluster.WriteKubeconfig(Kubeconfig);
    }

    public string Id => Spec.Id;

    public StoreSpec Spec { get; private set; }

    public string Token { get; private set; }

    /// <summary>The store's Kubernetes API, for injecting drift and checking what the agent applied.</summary>
    public EmulatedCluster Cluster { get; }

    /// <summary>The store's network link to the broker; sever it to take the store offline.</summary>
    public TcpProxy Link { get; }

    /// <summary>
    /// The store's own clock: real time plus an offset a scenario may change while the store runs (store
    /// hours are judged on it); its timers stay real. It survives restarts, as the store's hardware clock would.
    /// </summary>
    public SkewedTimeProvider Clock { get; }

    public string DataDir { get; }

    public string Kubeconfig { get; }

    public EdgeAgentHost? Agent => agent;

    public bool IsRunning => agent is not null;

    /// <summary>Replaces the agent's seams at its next start (a scenario's small disk, say).</summary>
    public Action<IServiceCollection>? ConfigureAgent { get; set; }

    /// <summary>The agent's own data dir (state file, git cache), inside <see cref="DataDir"/>.</summary>
    public string AgentDataDir => Path.Combine(DataDir, "agent");

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (agent is not null)
            return;
        agent = EdgeAgentHost.Create(OptionsFor(Spec), fleet.Loggers, Clock, Configure);
        await agent.StartAsync(cancellationToken);
    }

    /// <summary>Stops the agent cleanly (it publishes offline); its data dir and cluster stay.</summary>
    public async Task StopAsync()
    {
        var running = agent;
        agent = null;
        if (running is not null)
            await running.DisposeAsync();
    }

    /// <summary>Restarts the agent, optionally with new labels (as an operator relabelling a store would).</summary>
    public async Task RestartAsync(IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default)
    {
        await StopAsync();
        if (labels is not null)
            Spec = Spec with { Labels = labels };
        await StartAsync(cancellationToken);
    }

    /// <summary>Gives the agent another CA to verify the hub with (null: the fleet's); takes effect on the next start.</summary>
    public void TrustBrokerCa(string? caPath) => Spec = Spec with { BrokerCaOverride = caPath };

    /// <summary>Gives the agent another token (for scenarios about refused credentials); takes effect on the next start.</summary>
    public void UseToken(string token) => Token = token;

    private void Configure(IServiceCollection services)
    {
        if (sharedRenderer is not null)
            services.AddSingleton(sharedRenderer);
        ConfigureAgent?.Invoke(services);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Link.DisposeAsync();
    }

    private AgentOptions OptionsFor(StoreSpec spec) => new()
    {
        ClusterId = spec.Id,
        Labels = spec.Labels,
        Broker = new Uri($"{(fleet.BrokerCa is null ? "mqtt" : "mqtts")}://{IPAddress.Loopback}:{Link.Port}"),
        BrokerCa = Spec.BrokerCaOverride ?? fleet.BrokerCa,
        Token = Token,
        Source = new FleetOps.Shared.Contracts.SourceRef(fleet.RepositoryUrl, fleet.Branch),
        TrustedKeys = fleet.TrustedKeys,
        Kubeconfig = Kubeconfig,
        DataDir = AgentDataDir,
        ReconcileInterval = fleet.ReconcileInterval,
        HealthTimeout = fleet.HealthTimeout,
        KubeRequestTimeout = fleet.KubeRequestTimeout,
        Link = fleet.Link,
        Retry = fleet.Retry,
    };
}
