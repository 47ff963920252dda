using FleetOps.EdgeAgent.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FleetOps.EdgeAgent.Hosting;

/// <summary>
/// One standalone agent without a generic host: its own container, data dir, MQTT connection and
/// Kubernetes client. This is what a simulator creates hundreds of in one process.
/// </summary>
public sealed class EdgeAgentHost : IAsyncDisposable
{
    private readonly ServiceProvider provider;
    private readonly AgentRuntime runtime;

    private EdgeAgentHost(ServiceProvider provider)
    {
        this.provider = provider;
        runtime = provider.GetRequiredService<AgentRuntime>();
    }

    public AgentOptions Options => provider.GetRequiredService<AgentOptions>();

    /// <summary>The agent's services, for tests and the simulator to observe (store, status board).</summary>
    public IServiceProvider Services => provider;

    /// <summary>
    /// Builds an agent. <paramref name="loggers"/> and <paramref name="time"/> may be shared by many agents;
    /// <paramref name="configure"/> may replace seams (a fake clock, a test renderer).
    /// </summary>
    public static EdgeAgentHost Create(AgentOptions options, ILoggerFactory? loggers = null, TimeProvider? time = null, Action<IServiceCollection>? configure = null)
    {
        AgentOptionsValidator.ThrowIfInvalid(options);
        var services = new ServiceCollection();
        services.AddSingleton(loggers ?? NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        if (time is not null)
            services.AddSingleton(time);
        configure?.Invoke(services);
        services.AddFleetOpsAgent(options);
        return new EdgeAgentHost(services.BuildServiceProvider());
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => runtime.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await runtime.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await provider.DisposeAsync().ConfigureAwait(false);
    }
}
