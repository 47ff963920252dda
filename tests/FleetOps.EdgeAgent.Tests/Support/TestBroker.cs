using System.Net;
using FleetOps.Testing.Network;
using MQTTnet.Server;

namespace FleetOps.EdgeAgent.Tests.Support;

/// <summary>A real MQTT broker (MQTTnet's server) on 127.0.0.1 and a free port; can be stopped and started again on the same port.</summary>
public sealed class TestBroker : IAsyncDisposable
{
    private MqttServer? server;

    private TestBroker(int port) => Port = port;

    public int Port { get; }

    public Uri Uri => new($"mqtt://127.0.0.1:{Port}");

    public bool Running => server is not null;

    public static async Task<TestBroker> StartAsync()
    {
        var broker = new TestBroker(FreePort.Next());
        await broker.StartAgainAsync();
        return broker;
    }

    public async Task StartAgainAsync()
    {
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(Port)
            .WithPersistentSessions()
            .Build();
        server = new MqttServerFactory().CreateMqttServer(options);
        await server.StartAsync();
    }

    public async Task StopAsync()
    {
        if (server is null)
            return;
        await server.StopAsync();
        server.Dispose();
        server = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
