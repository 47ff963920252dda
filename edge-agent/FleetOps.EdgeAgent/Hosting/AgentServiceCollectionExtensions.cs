using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Health;
using FleetOps.EdgeAgent.Link;
using FleetOps.EdgeAgent.Local;
using FleetOps.EdgeAgent.Metrics;
using FleetOps.EdgeAgent.Reconcile;
using FleetOps.EdgeAgent.Render;
using FleetOps.EdgeAgent.Source;
using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Rendering;
using FleetOps.Shared.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.Hosting;

/// <summary>
/// Composition. Every service is a singleton of its own container, so one container is one agent:
/// a simulator builds many (see <see cref="EdgeAgentHost"/>), nothing is static.
/// </summary>
public static class AgentServiceCollectionExtensions
{
    /// <summary>Program.cs: reads options from appsettings, FLEETOPS_* and the command line, and runs the agent as a hosted service.</summary>
    public static IHostApplicationBuilder AddFleetOpsAgent(this IHostApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddFleetOpsSources(args);
        return builder.AddFleetOpsAgent(AgentConfiguration.Read(builder.Configuration));
    }

    /// <summary>Runs one agent with these options as the process's hosted service, with its control socket for the local commands.</summary>
    public static IHostApplicationBuilder AddFleetOpsAgent(this IHostApplicationBuilder builder, AgentOptions options)
    {
        builder.Services.AddFleetOpsAgent(options);
        builder.Services.AddHostedService<AgentHostedService>();
        builder.Services.AddHostedService<HeapCompactor>();
        builder.Services.AddHostedService<ControlSocket>();
        return builder;
    }

    /// <summary>Registers one agent. Replace <see cref="TimeProvider"/> or any seam before or after calling this to test or simulate.</summary>
    public static IServiceCollection AddFleetOpsAgent(this IServiceCollection services, AgentOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton(options);
        services.AddSingleton(options.Retry);
        services.TryAddSingleton<IStateFileOpener>(StateFileOpener.Instance);
        services.AddSingleton(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var opener = sp.GetRequiredService<IStateFileOpener>();
            var storeLogger = sp.GetRequiredService<ILogger<LiteAgentStore>>();
            return new ResilientAgentStore(() => new LiteAgentStore(options.DataDir, options.ClusterId, options.JournalLimit, time, storeLogger, opener),
                () => opener.Probe(options.DataDir), options.DataDir, options.JournalLimit, time, sp.GetRequiredService<ILogger<ResilientAgentStore>>());
        });
        services.AddSingleton<IAgentStore>(sp => sp.GetRequiredService<ResilientAgentStore>());
        services.AddSingleton<IStorageHealth>(sp => sp.GetRequiredService<ResilientAgentStore>());
        services.TryAddSingleton<IGitCache>(sp => new LibGit2GitCache(options.DataDir, options.Git, sp.GetRequiredService<ILogger<LibGit2GitCache>>()));
        // Scratch files go under the cache's tmp folder, which is swept at every start.
        services.TryAddSingleton<ICommitVerifier>(sp => new CommitVerifier(options.TrustedKeys, new VerificationOptions(Path.Combine(options.DataDir, "tmp")), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<RevisionVerifier>();
        services.TryAddSingleton(sp => KubeConnection.Create(options, sp.GetService<SharedHttpHandler>()?.Handler));
        services.TryAddSingleton<ApiDiscovery>();
        services.TryAddSingleton<IResourceManager, KubernetesResourceManager>();
        services.TryAddSingleton<IRenderer>(sp => new Renderer(RenderOptions.Default, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(new RendererDetection(RenderOptions.Default));
        services.TryAddSingleton<IManifestRenderer, SharedManifestRenderer>();
        services.TryAddSingleton(sp => new RenderCache(sp.GetRequiredService<IGitCache>(), sp.GetRequiredService<IManifestRenderer>(), options.ClusterId));
        services.TryAddSingleton<Pruner>();
        services.TryAddSingleton<HealthChecker>();
        services.TryAddSingleton<StatusBoard>();
        services.TryAddSingleton<GroupReconciler>();
        services.TryAddSingleton<GroupRemover>();
        services.TryAddSingleton<AgentSupervisor>();
        services.TryAddSingleton<IDesiredStateListener>(sp => sp.GetRequiredService<AgentSupervisor>());
        services.TryAddSingleton<DesiredStateIntake>();
        services.TryAddSingleton<HubSession>();
        if (options.Broker is null)
            services.TryAddSingleton<IHubLink, NullHubLink>();
        else
            services.TryAddSingleton<IHubLink, MqttHubLink>();
        services.TryAddSingleton<AgentMetrics>();
        if (options.MetricsPort is not null)
            services.TryAddSingleton<MetricsEndpoint>();
        services.TryAddSingleton<AgentRuntime>();
        return services;
    }
}
