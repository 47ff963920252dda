using System.Globalization;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Source;
using FleetOps.Hub.Tests.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace FleetOps.Cli.Tests.Harness;

/// <summary>
/// A whole hub in the test process, composed as <c>fleetops-hub</c> composes it (AddFleetOpsHub), on free
/// ports, the way the hub's own TestHub starts one, with two seams swapped: the clock (a
/// <see cref="ManualClock"/>, so the hub's times are the test's) and the renderer (<see cref="StubRenderer"/>).
/// </summary>
public sealed class InProcessHub : IAsyncDisposable
{
    public const string AdminToken = "cli-test-admin-token-0123456789";

    /// <summary>What agents are told to fetch from; fixed so it reads the same in every golden file.</summary>
    public const string AgentUrl = "https://git.example.com/platform/fleet-config.git";

    private readonly WebApplication app;

    private InProcessHub(WebApplication app, int mqttPort, Uri baseAddress)
    {
        this.app = app;
        MqttPort = mqttPort;
        BaseAddress = baseAddress;
        Api = new HubApi(baseAddress, AdminToken);
    }

    public int MqttPort { get; }

    public Uri BaseAddress { get; }

    /// <summary>The hub's own test client, for seeding through the real API.</summary>
    public HubApi Api { get; }

    public static async Task<InProcessHub> StartAsync(string dataDir, string repositoryPath, TimeProvider clock)
    {
        var mqttPort = FreePort.Next();
        var config = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Hub:DataDir"] = dataDir,
            ["Hub:AdminToken"] = AdminToken,
            ["Hub:Source:Url"] = repositoryPath,
            ["Hub:Source:AgentUrl"] = AgentUrl,
            ["Hub:Source:Branch"] = "main",
            // Tests move the fleet with POST /api/v1/refresh, never by waiting for a poll.
            ["Hub:Source:PollInterval"] = "01:00:00",
            ["Hub:Mqtt:Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            ["Hub:Mqtt:BindAddress"] = "127.0.0.1",
            ["Hub:Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Hub:Orleans:GatewayPort"] = "0",
        };
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(config);
        // Quiet by default; FLEETOPS_TEST_LOGS=1 shows the hub's warnings and errors, as in the hub's own harness.
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("FLEETOPS_TEST_LOGS") == "1")
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddFleetOpsHub();
        builder.Services.Replace(ServiceDescriptor.Singleton<IGroupRenderer, StubRenderer>());
        builder.Services.Replace(ServiceDescriptor.Singleton(clock));
        var app = builder.Build();
        app.UseFleetOpsHub();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var hub = new InProcessHub(app, mqttPort, new Uri(address));
        await Eventually.UntilAsync(() => hub.Api.IsReadyAsync(), "the hub is ready");
        return hub;
    }

    /// <summary>A registered cluster's MQTT side, connected and announced with its labels, as its agent would be.</summary>
    public async Task<SimulatedAgent> ConnectAgentAsync(string id, string token, IReadOnlyDictionary<string, string> labels)
    {
        var agent = new SimulatedAgent(id, token, "127.0.0.1", MqttPort);
        Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, await agent.ConnectAsync());
        await agent.SayHelloAsync(labels);
        return agent;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
