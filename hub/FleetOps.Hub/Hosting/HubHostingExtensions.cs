using System.Diagnostics.Metrics;
using FleetOps.Hub.Api;
using FleetOps.Hub.Messaging;
using FleetOps.Hub.Messaging.Embedded;
using FleetOps.Hub.Messaging.External;
using FleetOps.Hub.Messaging.External.DynamicSecurity;
using FleetOps.Hub.Metrics;
using FleetOps.Hub.Security;
using FleetOps.Hub.Security.Tls;
using FleetOps.Hub.Source;
using FleetOps.Hub.Web;
using FleetOps.Hub.Web.Reading;
using FleetOps.Shared.Api;
using FleetOps.Shared.Rendering;
using FleetOps.Shared.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace FleetOps.Hub.Hosting;

/// <summary>Composes the hub: options, the silo, the agent transport, the git watcher and the HTTP API.</summary>
public static class HubHostingExtensions
{
    public static IHostApplicationBuilder AddFleetOpsHub(this IHostApplicationBuilder builder) =>
        builder.AddHubOptions().AddHubMetrics().AddHubOrleans().AddHubMessaging().AddHubSource().AddHubApi().AddHubWeb();

    public static IHostApplicationBuilder AddHubOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HubOptions>().BindConfiguration(HubOptions.Section);
        builder.Services.AddOptions<SourceOptions>().BindConfiguration(SourceOptions.Section);
        builder.Services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<HubReadiness>();
        return builder;
    }

    /// <summary>
    /// The hub's meter, exported by OpenTelemetry in the Prometheus text format on /metrics (mapped in
    /// <see cref="MetricsEndpoint"/>). Every scrape collects afresh, as one Prometheus polls the hub and the
    /// cluster gauge is counted per scrape; no scope label and no target_info, so the series read as they did
    /// before the exporter.
    /// </summary>
    public static IHostApplicationBuilder AddHubMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HubMetrics>();
        builder.Services.AddSingleton<ClusterGauge>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(HubMetrics.MeterName)
            .AddPrometheusExporter(o =>
            {
                o.ScrapeResponseCacheDurationMilliseconds = 0;
                o.ScopeInfoEnabled = false;
                o.TargetInfoEnabled = false;
            }));
        // The runtime's listener takes a meter by name from every service provider in the process (the tests run
        // several hubs in one), so each hub drops the instruments that another provider's meter factory made.
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) =>
        {
            var own = services.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument => instrument.Meter.Scope is { } scope && scope != own ? MetricStreamConfiguration.Drop : null);
        });
        return builder;
    }

    /// <summary>
    /// The agent transport, chosen once from configuration: the embedded broker (default), or the link to
    /// an external one (<c>Hub:Mqtt:BrokerUrl</c>). Hosted services start after the silo, in this order.
    /// </summary>
    public static IHostApplicationBuilder AddHubMessaging(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<LogOnce>();
        services.AddSingleton<IngestDispatcher>();
        var mqtt = builder.Configuration.GetSection(MqttOptions.Section).Get<MqttOptions>() ?? MqttOptions.Default;
        if (mqtt.IsEmbedded)
        {
            services.AddSingleton<BrokerAuthenticator>();
            services.AddSingleton<BrokerIngest>();
            services.AddSingleton<BrokerCertificates>();
            services.AddSingleton<EmbeddedBroker>();
            services.AddSingleton<IAgentTransport>(sp => sp.GetRequiredService<EmbeddedBroker>());
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
            services.AddSingleton(sp => new PresenceEpoch(sp.GetRequiredService<TimeProvider>().GetUtcNow()));
            services.AddSingleton(sp => new BrokerDirections(mqtt, sp.GetRequiredService<BrokerCertificates>(), System.Net.Dns.GetHostName()));
            services.AddSingleton<IAgentCredentials, UnmanagedCredentials>();
        }
        else
        {
            services.AddSingleton<HubCredential>();
            services.AddSingleton<ExternalBrokerLink>();
            services.AddSingleton<IAgentTransport>(sp => sp.GetRequiredService<ExternalBrokerLink>());
            services.AddHostedService(sp => sp.GetRequiredService<ExternalBrokerLink>());
            services.AddSingleton(new PresenceEpoch(null));
            services.AddSingleton(new BrokerDirections(mqtt, null, System.Net.Dns.GetHostName()));
            AddBrokerCredentials(services, mqtt);
        }
        services.AddHostedService<DesiredRepublisher>();
        return builder;
    }

    /// <summary>With dynamic security the hub keeps agents' clients and roles on the broker; otherwise the broker's operators do.</summary>
    private static void AddBrokerCredentials(IServiceCollection services, MqttOptions mqtt)
    {
        if (!mqtt.ManagesDynamicSecurity)
        {
            services.AddSingleton<IAgentCredentials, UnmanagedCredentials>();
            return;
        }
        services.AddSingleton<DynSecConnection>();
        services.AddSingleton<DynamicSecurityCredentials>();
        services.AddSingleton<IAgentCredentials>(sp => sp.GetRequiredService<DynamicSecurityCredentials>());
        services.AddHostedService<CredentialSync>();
    }

    public static IHostApplicationBuilder AddHubSource(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new RenderOptions
        {
            KustomizeExecutable = sp.GetRequiredService<IOptions<SourceOptions>>().Value.KustomizeExecutable,
            KustomizeTimeout = sp.GetRequiredService<IOptions<SourceOptions>>().Value.RenderTimeout,
        });
        builder.Services.AddSingleton<IRenderer>(sp => new Renderer(sp.GetRequiredService<RenderOptions>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<RendererDetection>();
        builder.Services.AddHostedService<RendererCheck>();
        builder.Services.AddSingleton<IGroupRenderer, SharedGroupRenderer>();
        builder.Services.AddSingleton<IGitMirror, LibGit2Mirror>();
        builder.Services.AddSingleton<ICommitVerifier>(sp =>
        {
            var source = sp.GetRequiredService<IOptions<SourceOptions>>().Value;
            var scratch = Path.Combine(sp.GetRequiredService<IOptions<HubOptions>>().Value.FullDataDir, "verify");
            return new CommitVerifier(source.TrustedKeys, new VerificationOptions(scratch) { Timeout = source.SignatureTimeout }, sp.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddHostedService<CommitVerificationNotice>();
        builder.Services.AddSingleton<SourceActivity>();
        builder.Services.AddSingleton<CommitProcessor>();
        builder.Services.AddSingleton<GitWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GitWatcher>());
        return builder;
    }

    public static IHostApplicationBuilder AddHubApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AdminToken>();
        builder.Services.AddSingleton<FleetReader>();
        builder.Services.AddRequestProblems();
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        return builder;
    }

    /// <summary>
    /// The web view: Razor components rendered on the server by minimal-API handlers over the API's own readers, and
    /// the login that turns the admin token into a session cookie (see <see cref="WebEndpoints"/>).
    /// </summary>
    public static IHostApplicationBuilder AddHubWeb(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddSingleton<WebSession>();
        builder.Services.AddSingleton<ConvergenceCurves>();
        return builder;
    }

    /// <summary>Maps the routes and makes the admin token exist (and be printed) at start rather than at the first request.</summary>
    public static WebApplication UseFleetOpsHub(this WebApplication app)
    {
        app.Services.GetRequiredService<AdminToken>();
        app.UseRequestProblems();
        app.MapHubApi();
        app.MapHubWeb();
        return app;
    }
}
