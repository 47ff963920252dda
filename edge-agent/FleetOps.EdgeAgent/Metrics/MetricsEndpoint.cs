using FleetOps.EdgeAgent.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace FleetOps.EdgeAgent.Metrics;

/// <summary>
/// GET /metrics on a local port, only when <c>FLEETOPS_METRICS_PORT</c> is set: the OpenTelemetry Prometheus exporter
/// as the hub uses it, on its stand-alone HttpListener (no web server in the agent). Nothing of it is loaded
/// otherwise, which keeps the default agent as small as before.
/// </summary>
public sealed class MetricsEndpoint(AgentOptions options, IServiceProvider services, ILogger<MetricsEndpoint> logger) : IDisposable
{
    private MeterProvider? provider;

    /// <summary>The URL it serves, once started.</summary>
    public string? Url { get; private set; }

    /// <summary>Starts serving; a port that cannot be had is logged, never fatal (metrics are not what a store is for).</summary>
    public void Start()
    {
        try
        {
            Serve();
        }
        catch (Exception e) when (e is System.Net.HttpListenerException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            logger.LogError("Cannot serve metrics on {Host}:{Port}: {Error}; the agent runs on without them", options.MetricsHost, options.MetricsPort, e.Message);
        }
    }

    private void Serve()
    {
        if (options.MetricsPort is not { } port || provider is not null)
            return;
        var host = options.MetricsHost is "*" or "0.0.0.0" or "+" ? "+" : options.MetricsHost;
        // A meter made by another agent's container in the same process (the tests run several) is not this agent's.
        var own = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(AgentMetrics.MeterName)
            .AddView(instrument => instrument.Meter.Scope is { } scope && scope != own ? MetricStreamConfiguration.Drop : null)
            .AddPrometheusHttpListener(o =>
            {
                o.Host = host;
                o.Port = port;
                // As the hub: every scrape collects afresh; no scope label and no target_info.
                o.ScrapeResponseCacheDurationMilliseconds = 0;
                o.ScopeInfoEnabled = false;
                o.TargetInfoEnabled = false;
            })
            .Build();
        Url = $"http://{(host == "+" ? "localhost" : host)}:{port}/metrics";
        logger.LogInformation("Serving Prometheus metrics on {Url}", Url);
    }

    public void Dispose() => provider?.Dispose();
}
