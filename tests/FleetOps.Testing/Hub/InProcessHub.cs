using System.Globalization;
using FleetOps.Cli.Client;
using FleetOps.Hub.Hosting;
using FleetOps.Testing.Network;
using FleetOps.Testing.Polling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace FleetOps.Testing.Hub;

/// <summary>
/// A whole <c>fleetops-hub</c> in this process, composed exactly as the hub's Program.cs composes it
/// (<see cref="HubHostingExtensions.AddFleetOpsHub"/>, <see cref="HubHostingExtensions.UseFleetOpsHub"/>),
/// then changed only where <see cref="InProcessHubOptions"/> says: ports, folders, settings, clock and services.
/// Tests talk to it through the CLI's own <see cref="HubClient"/>. The one hub host of the tests, the
/// simulator, the demo and the scenarios.
/// </summary>
public sealed class InProcessHub : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly WebApplication app;

    private InProcessHub(WebApplication app, InProcessHubOptions options, Uri apiAddress, int mqttPort, int tlsPort)
    {
        this.app = app;
        Options = options;
        ApiAddress = apiAddress;
        MqttPort = mqttPort;
        TlsPort = tlsPort;
        Client = HubClients.For(apiAddress, options.AdminToken);
    }

    public InProcessHubOptions Options { get; }

    public Uri ApiAddress { get; }

    /// <summary>Plain MQTT, on the loopback: what most tests connect to.</summary>
    public int MqttPort { get; }

    /// <summary>MQTT over TLS with the hub's generated CA (<see cref="CaPath"/>), as agents connect in production.</summary>
    public int TlsPort { get; }

    /// <summary>The hub's broker CA, PEM: what an agent's FLEETOPS_BROKER_CA names.</summary>
    public string CaPath => Path.Combine(Options.DataDir, "tls", "ca.crt");

    public HubClient Client { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<InProcessHub> StartAsync(InProcessHubOptions options, CancellationToken cancellationToken = default)
    {
        // A port FreePort found free can be taken by another test's process before the hub binds it: then the hub starts
        // again on new ones (only ports chosen here; a port the test asked for is the test's).
        for (var attempt = 1; ; attempt++)
        {
            var mqttPort = options.MqttPort == 0 ? FreePort.Next() : options.MqttPort;
            var tlsPort = options.TlsPort == 0 ? FreePort.Next() : options.TlsPort;
            var app = Build(options, mqttPort, tlsPort);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception e) when (attempt < 3 && FreePort.IsAddressInUse(e))
            {
                await StopQuietlyAsync(app);
                continue;
            }
            return await ReadyAsync(app, options, mqttPort, tlsPort, cancellationToken);
        }
    }

    // What had started before the bind failed stops with it, so the next attempt finds the data dir free.
    private static async Task StopQuietlyAsync(WebApplication app)
    {
        try
        {
            await app.StopAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Stopping a half-started host can fail in the part that never started; disposing still releases the rest.
        }
        await app.DisposeAsync();
    }

    private static WebApplication Build(InProcessHubOptions options, int mqttPort, int tlsPort)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(Settings(options, mqttPort, tlsPort));
        builder.Logging.ClearProviders();
        if (options.MinimumLogLevel != LogLevel.None)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(options.MinimumLogLevel);
            // Orleans and ASP.NET Core are chatty at Information.
            builder.Logging.AddFilter("Orleans", LogLevel.Error).AddFilter("Microsoft", LogLevel.Warning);
        }
        builder.AddFleetOpsHub();
        if (options.Time is not null)
            builder.Services.Replace(ServiceDescriptor.Singleton(options.Time));
        options.ConfigureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseFleetOpsHub();
        return app;
    }

    private static async Task<InProcessHub> ReadyAsync(WebApplication app, InProcessHubOptions options, int mqttPort, int tlsPort, CancellationToken cancellationToken)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var hub = new InProcessHub(app, options, new Uri(address), mqttPort, tlsPort);
        try
        {
            await Eventually.UntilAsync(() => hub.Client.IsReadyAsync(cancellationToken), "the hub is ready", StartTimeout, cancellationToken: cancellationToken);
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
        return hub;
    }

    /// <summary>
    /// Stops this hub and starts a new one on the same folders and MQTT port, as a redeploy would;
    /// <paramref name="whileStopped"/> runs in between.
    /// </summary>
    public Task<InProcessHub> RestartAsync(Action? whileStopped = null, CancellationToken cancellationToken = default) =>
        RestartAsync(() =>
        {
            whileStopped?.Invoke();
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>As <see cref="RestartAsync(Action?, CancellationToken)"/>, with work in between that waits.</summary>
    public async Task<InProcessHub> RestartAsync(Func<Task> whileStopped, CancellationToken cancellationToken = default)
    {
        await DisposeAsync();
        await whileStopped();
        return await StartAsync(Options with { MqttPort = MqttPort, TlsPort = TlsPort }, cancellationToken);
    }

    /// <summary>A plain HTTP client for the API with the admin token (or none), for tests about the HTTP contract itself.</summary>
    public HttpClient CreateHttpClient(bool withToken = true)
    {
        var http = new HttpClient { BaseAddress = ApiAddress };
        if (withToken)
            http.DefaultRequestHeaders.Authorization = new("Bearer", Options.AdminToken);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(InProcessHubOptions options, int mqttPort, int tlsPort)
    {
        var invariant = CultureInfo.InvariantCulture;
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{options.HttpPort.ToString(invariant)}",
            ["Hub:DataDir"] = options.DataDir,
            ["Hub:AdminToken"] = options.AdminToken,
            ["Hub:Source:Url"] = options.RepositoryUrl ?? "",
            ["Hub:Source:Branch"] = options.Branch,
            ["Hub:Source:PollInterval"] = options.PollInterval.ToString("c", invariant),
            ["Hub:Source:PollJitter"] = TimeSpan.FromSeconds(1).ToString("c", invariant),
            ["Hub:Mqtt:Port"] = mqttPort.ToString(invariant),
            ["Hub:Mqtt:TlsPort"] = tlsPort.ToString(invariant),
            ["Hub:Mqtt:BindAddress"] = "127.0.0.1",
            ["Hub:Orleans:SiloPort"] = FreePort.Next().ToString(invariant),
            ["Hub:Orleans:GatewayPort"] = "0",
        };
        if (options.ReconcileIntervalSeconds is { } interval)
            settings["Hub:ReconcileIntervalSeconds"] = interval.ToString(invariant);
        foreach (var (key, value) in options.Settings)
            settings[key] = value;
        return settings;
    }
}
