using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using FleetOps.Hub.Hosting;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace FleetOps.Hub.Messaging;

/// <summary>
/// The hub's one MQTT client (the bridge): connects to the embedded or external broker with the hub's
/// credential, subscribes to every cluster's hello, status, journal and presence (shared among silos on
/// an external broker), hands each message to the <see cref="IngestDispatcher"/>, acknowledging it only
/// once processed, and reconnects with backoff. Each successful connection is announced on
/// <see cref="Connections"/> so desired state can be republished.
/// </summary>
public sealed class HubLink(
    IOptions<MqttOptions> options,
    HubCredential credential,
    IngestDispatcher dispatcher,
    ILogger<HubLink> logger) : BackgroundService
{
    private static readonly MessageKind[] Inbound = [MessageKind.Hello, MessageKind.Status, MessageKind.Journal, MessageKind.Presence];

    private readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
    private readonly Channel<int> connections = Channel.CreateUnbounded<int>();
    private SemaphoreSlim? inFlight;
    private int epoch;

    public bool IsConnected => client.IsConnected;

    public ChannelReader<int> Connections => connections.Reader;

    public async Task PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        if (!client.IsConnected)
            throw new InvalidOperationException("the hub is not connected to the MQTT broker");
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        var result = await client.PublishAsync(message, cancellationToken);
        if (result.ReasonCode is not (MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers))
            throw new InvalidOperationException($"the broker refused the publish to {topic}: {result.ReasonCode} {result.ReasonString}");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        inFlight = new SemaphoreSlim(Math.Max(1, options.Value.MaxInFlight));
        client.ApplicationMessageReceivedAsync += OnMessageAsync;
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Task OnDisconnected(MqttClientDisconnectedEventArgs _)
                {
                    disconnected.TrySetResult();
                    return Task.CompletedTask;
                }
                client.DisconnectedAsync += OnDisconnected;
                try
                {
                    await ConnectAsync(stoppingToken);
                    backoff = TimeSpan.FromMilliseconds(250);
                    connections.Writer.TryWrite(Interlocked.Increment(ref epoch));
                    await disconnected.Task.WaitAsync(stoppingToken);
                    logger.LogWarning("Bridge lost its MQTT connection; reconnecting");
                }
                finally
                {
                    client.DisconnectedAsync -= OnDisconnected;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning("Bridge could not connect to the MQTT broker ({Error}); retrying in {Delay}", e.Message, backoff);
                await Task.Delay(backoff + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250)), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (client.IsConnected)
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
    }

    public override void Dispose()
    {
        client.Dispose();
        inFlight?.Dispose();
        base.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var builder = new MqttClientOptionsBuilder()
            .WithClientId(credential.ClientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(10));
        // An external broker may let the hub in anonymously (a broker on a private network); otherwise it has credentials.
        if (!string.IsNullOrEmpty(credential.Username))
            builder = builder.WithCredentials(credential.Username, credential.Password);
        if (o.IsEmbedded && !string.IsNullOrWhiteSpace(o.TlsCertificatePath) && !o.PlainLoopbackWithTls)
        {
            // TLS only: reach the embedded broker over TLS on loopback and trust exactly its own certificate.
            var own = X509CertificateLoader.LoadPkcs12FromFile(o.TlsCertificatePath, o.TlsCertificatePassword).GetCertHashString();
            builder = builder.WithTcpServer("127.0.0.1", o.TlsPort).WithTlsOptions(t => t.UseTls()
                .WithCertificateValidationHandler(check => check.Certificate?.GetCertHashString() == own));
        }
        else if (o.IsEmbedded)
            builder = builder.WithTcpServer("127.0.0.1", o.Port);
        else
        {
            var url = new Uri(o.BrokerUrl!);
            var tls = url.Scheme.Equals("mqtts", StringComparison.OrdinalIgnoreCase);
            builder = builder.WithTcpServer(url.Host, url.IsDefaultPort || url.Port < 0 ? (tls ? 8883 : 1883) : url.Port);
            if (tls)
                builder = builder.WithTlsOptions(t => t.UseTls().WithTargetHost(url.Host).WithAllowUntrustedCertificates(o.AllowUntrustedCertificates)
                    .WithIgnoreCertificateChainErrors(o.AllowUntrustedCertificates));
        }
        await client.ConnectAsync(builder.Build(), cancellationToken);

        var share = o.IsEmbedded ? null : o.ShareGroup;
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var kind in Inbound)
            subscribe = subscribe.WithTopicFilter(f => f.WithTopic(Topics.AllClusters(kind, share)).WithAtLeastOnceQoS());
        await client.SubscribeAsync(subscribe.Build(), cancellationToken);
        logger.LogInformation("Bridge connected to the MQTT broker as {User} and subscribed to agent topics", credential.Username);
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        await inFlight!.WaitAsync();
        Task work;
        try
        {
            var payload = e.ApplicationMessage.Payload;
            work = payload.IsSingleSegment
                ? dispatcher.DispatchAsync(e.ApplicationMessage.Topic, payload.FirstSpan)
                : dispatcher.DispatchAsync(e.ApplicationMessage.Topic, payload.ToArray());
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Dispatching a message on {Topic} failed", e.ApplicationMessage.Topic);
            work = Task.CompletedTask;
        }
        _ = ReleaseWhenDoneAsync(work);
    }

    private async Task ReleaseWhenDoneAsync(Task work)
    {
        try
        {
            await work;
        }
        finally
        {
            inFlight!.Release();
        }
    }
}
