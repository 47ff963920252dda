using FleetOps.Hub.Hosting;
using FleetOps.Hub.Source;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Tests.Harness;

/// <summary>
/// A whole hub in the test process, composed exactly as <c>fleetops-hub</c> composes it, on free ports,
/// with its data dir and repository given by the test (so a restart on the same data dir is a new
/// TestHub on the same folders).
/// </summary>
public sealed class TestHub : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token-0123456789";

    private readonly WebApplication app;

    private TestHub(WebApplication app, int mqttPort, Uri baseAddress)
    {
        this.app = app;
        MqttPort = mqttPort;
        Api = new HubApi(baseAddress, AdminToken);
    }

    public int MqttPort { get; }

    public HubApi Api { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>
    /// With <paramref name="realRenderer"/> the hub renders through the shared renderer and kustomize, as in
    /// production; otherwise through <see cref="FileDigestRenderer"/>, which keeps tests about ingest fast.
    /// </summary>
    public static async Task<TestHub> StartAsync(string dataDir, string? repositoryUrl, bool realRenderer = false, IDictionary<string, string?>? settings = null)
    {
        var mqttPort = FreePort.Next();
        var config = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Hub:DataDir"] = dataDir,
            ["Hub:AdminToken"] = AdminToken,
            ["Hub:Source:Url"] = repositoryUrl ?? "",
            ["Hub:Source:Branch"] = "main",
            // Tests move the fleet with POST /api/v1/refresh, never by waiting for a poll.
            ["Hub:Source:PollInterval"] = "01:00:00",
            ["Hub:Mqtt:Port"] = mqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hub:Mqtt:BindAddress"] = "127.0.0.1",
            ["Hub:Orleans:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hub:Orleans:GatewayPort"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            config[key] = value;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(config);
        // Quiet by default; FLEETOPS_TEST_LOGS=1 shows the hub's warnings and errors when a test needs explaining.
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("FLEETOPS_TEST_LOGS") == "1")
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddFleetOpsHub();
        if (!realRenderer)
            builder.Services.Replace(ServiceDescriptor.Singleton<IGroupRenderer, FileDigestRenderer>());
        var app = builder.Build();
        app.UseFleetOpsHub();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var hub = new TestHub(app, mqttPort, new Uri(address));
        await Eventually.UntilAsync(() => hub.Api.IsReadyAsync(), "the hub is ready");
        return hub;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
