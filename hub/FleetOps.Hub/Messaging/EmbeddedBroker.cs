using System.Net;
using System.Security.Cryptography.X509Certificates;
using FleetOps.Hub.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace FleetOps.Hub.Messaging;

/// <summary>
/// MQTTnet's broker inside the hub: plain MQTT on <see cref="MqttOptions.Port"/>, TLS on
/// <see cref="MqttOptions.TlsPort"/> when a PFX is configured, persistent sessions for agents, and the
/// <see cref="BrokerAuthenticator"/> rules on every connect, publish and subscribe.
/// </summary>
public sealed class EmbeddedBroker(
    IOptions<MqttOptions> options,
    BrokerAuthenticator authenticator,
    ILogger<EmbeddedBroker> logger) : IHostedService, IAsyncDisposable
{
    public const int MaxPendingPerClient = 1_000_000;

    private MqttServer? server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var bind = IPAddress.Parse(o.BindAddress);
        var builder = new MqttServerFactory().CreateServerOptionsBuilder()
            .WithPersistentSessions()
            // The bridge's session receives every agent's messages; a small queue would drop some under a
            // burst (MQTTnet drops the oldest). Agents only ever receive their desired state and acks.
            .WithMaxPendingMessagesPerClient(MaxPendingPerClient)
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(o.Port)
            .WithDefaultEndpointBoundIPAddress(bind);

        if (!string.IsNullOrWhiteSpace(o.TlsCertificatePath))
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(o.TlsCertificatePath, o.TlsCertificatePassword);
            builder = builder.WithEncryptedEndpoint().WithEncryptedEndpointPort(o.TlsPort)
                .WithEncryptedEndpointBoundIPAddress(bind).WithEncryptionCertificate(certificate);
            // Agents must use TLS; the plain listener stays only for the hub's own bridge on loopback.
            builder = o.PlainLoopbackWithTls ? builder.WithDefaultEndpointBoundIPAddress(IPAddress.Loopback) : builder.WithoutDefaultEndpoint();
        }

        server = new MqttServerFactory().CreateMqttServer(builder.Build());
        server.ValidatingConnectionAsync += authenticator.ValidateConnectionAsync;
        server.InterceptingPublishAsync += authenticator.InterceptPublishAsync;
        server.InterceptingSubscriptionAsync += authenticator.InterceptSubscriptionAsync;
        await server.StartAsync();
        logger.LogInformation("Embedded MQTT broker listening on {Address}:{Port}{Tls}", o.BindAddress, o.Port,
            string.IsNullOrWhiteSpace(o.TlsCertificatePath) ? "" : $" and TLS on {o.TlsPort}");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
            await server.StopAsync();
    }

    public ValueTask DisposeAsync()
    {
        server?.Dispose();
        return ValueTask.CompletedTask;
    }
}
