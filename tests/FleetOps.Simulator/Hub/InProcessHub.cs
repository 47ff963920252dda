using System.Globalization;
using FleetOps.Hub.Hosting;
using FleetOps.Simulator.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FleetOps.Simulator.Hub;

/// <summary>
/// A whole <c>fleetops-hub</c> in this process, composed exactly as the hub's Program.cs composes it
/// (<see cref="HubHostingExtensions.AddFleetOpsHub"/>), so the demo and the scenarios run the real thing.
/// </summary>
public sealed class InProcessHub : IAsyncDisposable
{
    private readonly WebApplication app;

    private InProcessHub(WebApplication app, InProcessHubOptions options, Uri apiAddress, int mqttPort)
    {
        this.app = app;
        Options = options;
        ApiAddress = apiAddress;
        MqttPort = mqttPort;
        Client = new HubClient(apiAddress, options.AdminToken);
    }

    public InProcessHubOptions Options { get; }

    public Uri ApiAddress { get; }

    public int MqttPort { get; }

    public Uri BrokerAddress => new($"mqtt://127.0.0.1:{MqttPort}");

    public HubClient Client { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<InProcessHub> StartAsync(InProcessHubOptions options, CancellationToken cancellationToken = default)
    {
        var mqttPort = options.MqttPort == 0 ? FreePort.Next() : options.MqttPort;
        var invariant = CultureInfo.InvariantCulture;
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{options.HttpPort.ToString(invariant)}",
            ["Hub:DataDir"] = options.DataDir,
            ["Hub:AdminToken"] = options.AdminToken,
            ["Hub:ReconcileIntervalSeconds"] = options.ReconcileIntervalSeconds.ToString(invariant),
            ["Hub:Source:Url"] = options.RepositoryUrl,
            ["Hub:Source:Branch"] = options.Branch,
            ["Hub:Source:PollInterval"] = options.PollInterval.ToString("c", invariant),
            ["Hub:Source:PollJitter"] = TimeSpan.FromSeconds(1).ToString("c", invariant),
            ["Hub:Mqtt:Port"] = mqttPort.ToString(invariant),
            ["Hub:Mqtt:BindAddress"] = "127.0.0.1",
            ["Hub:Orleans:SiloPort"] = FreePort.Next().ToString(invariant),
            ["Hub:Orleans:GatewayPort"] = "0",
        };
        foreach (var (key, value) in options.Settings)
            settings[key] = value;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(options.MinimumLogLevel);
        // Orleans and ASP.NET Core are chatty at Information; the simulator prints its own progress.
        builder.Logging.AddFilter("Orleans", LogLevel.Error).AddFilter("Microsoft", LogLevel.Warning);
        builder.AddFleetOpsHub();
        var app = builder.Build();
        app.UseFleetOpsHub();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var hub = new InProcessHub(app, options, new Uri(address), mqttPort);
        await Poll.UntilAsync(() => hub.Client.IsReadyAsync(cancellationToken), TimeSpan.FromSeconds(60), "the hub to be ready", cancellationToken);
        return hub;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
