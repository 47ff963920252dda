using System.Net;
using System.Security.Cryptography.X509Certificates;
using FleetOps.Hub.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
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
    DirectIngest directIngest,
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
        server.InterceptingPublishAsync += InterceptPublishAsync;
        server.InterceptingSubscriptionAsync += authenticator.InterceptSubscriptionAsync;
        await server.StartAsync();
        logger.LogInformation("Embedded MQTT broker listening on {Address}:{Port}{Tls}", o.BindAddress, o.Port,
            string.IsNullOrWhiteSpace(o.TlsCertificatePath) ? "" : $" and TLS on {o.TlsPort}");
    }

    private volatile bool stopping;

    private async Task InterceptPublishAsync(InterceptingPublishEventArgs args)
    {
        // Stopping the server disconnects every agent and fires their Last Wills: those say the hub is
        // going away, not that the stores are. Taking them would show the whole fleet Offline after
        // every hub restart, so nothing from agents is taken once the broker is stopping.
        if (stopping && BrokerAuthenticator.IsCluster(args.SessionItems))
        {
            args.ProcessPublish = false;
            return;
        }
        await authenticator.InterceptPublishAsync(args);
        if (args.ProcessPublish && directIngest.Enabled && BrokerAuthenticator.IsCluster(args.SessionItems))
            await directIngest.TakeAsync(args);
    }

    /// <summary>Whether the broker is running and can take <see cref="InjectAsync"/>.</summary>
    public bool IsRunning => server?.IsStarted == true;

    /// <summary>
    /// Publishes from inside the broker, as the hub: no loopback connection, no client-side packet
    /// ids or send queue shared by every publish.
    /// </summary>
    public Task InjectAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        return (server ?? throw new InvalidOperationException("the embedded MQTT broker is not running"))
            .InjectApplicationMessage(new InjectedMqttApplicationMessage(message)
            {
                SenderClientId = HubCredential.EmbeddedUser,
                CustomSessionItems = BrokerAuthenticator.HubSessionItems(),
            }, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        stopping = true;
        if (server is not null)
            await server.StopAsync();
    }

    public ValueTask DisposeAsync()
    {
        server?.Dispose();
        return ValueTask.CompletedTask;
    }
}
