using System.Net;
using System.Security.Cryptography.X509Certificates;
using FleetOps.Testing.Network;
using MQTTnet.Server;

namespace FleetOps.EdgeAgent.Tests.Support;

/// <summary>
/// A real MQTT broker (MQTTnet's server) on 127.0.0.1 and a free port; can be stopped and started again on the same port.
/// Given a server certificate, it also listens for mqtts on <see cref="TlsPort"/>, as the hub's broker does for stores.
/// </summary>
public sealed class TestBroker : IAsyncDisposable
{
    private readonly X509Certificate2? certificate;
    private MqttServer? server;

    private TestBroker(int port, X509Certificate2? certificate)
    {
        Port = port;
        this.certificate = certificate;
        TlsPort = certificate is null ? 0 : FreePort.Next();
    }

    public int Port { get; }

    public int TlsPort { get; }

    public Uri Uri => new($"mqtt://127.0.0.1:{Port}");

    public Uri TlsUri => TlsPort == 0 ? throw new InvalidOperationException("this broker was started without a certificate") : new($"mqtts://127.0.0.1:{TlsPort}");

    public bool Running => server is not null;

    public static async Task<TestBroker> StartAsync(X509Certificate2? tlsCertificate = null)
    {
        var broker = new TestBroker(FreePort.Next(), tlsCertificate);
        await broker.StartAgainAsync();
        return broker;
    }

    public async Task StartAgainAsync()
    {
        var builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(Port)
            .WithPersistentSessions();
        if (certificate is not null)
        {
            builder = builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(IPAddress.Loopback)
                .WithEncryptedEndpointPort(TlsPort)
                .WithEncryptionCertificate(certificate);
        }
        var options = builder.Build();
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
