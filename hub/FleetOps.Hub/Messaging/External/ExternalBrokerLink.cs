using System.Buffers;
using System.Threading.Channels;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Metrics;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace FleetOps.Hub.Messaging.External;

/// <summary>
/// The transport for an external broker (Mosquitto, EMQX): the hub's one MQTT client. It connects with the
/// hub's credential, takes every cluster's hello, status, journal and presence through shared
/// subscriptions (so silos share the load), hands each to the <see cref="IngestDispatcher"/> and
/// acknowledges it to the broker only once the grain has processed it, and reconnects with backoff.
/// </summary>
internal sealed class ExternalBrokerLink(
    IOptions<MqttOptions> options,
    HubCredential credential,
    IngestDispatcher dispatcher,
    HubMetrics metrics,
    ILogger<ExternalBrokerLink> logger) : MqttAgentTransport(metrics), IHostedService, IDisposable
{
    private static readonly MessageKind[] Inbound = [MessageKind.Hello, MessageKind.Status, MessageKind.Journal, MessageKind.Presence];

    private readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
    private readonly Channel<int> connections = Channel.CreateUnbounded<int>();
    private readonly SemaphoreSlim inFlight = new(Math.Max(1, options.Value.MaxInFlight));
    private readonly CancellationTokenSource stopping = new();
    private Task? loop;
    private int epoch;

    public override bool IsConnected => client.IsConnected;

    public override ChannelReader<int> Connections => connections.Reader;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        client.ApplicationMessageReceivedAsync += OnMessageAsync;
        loop = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (loop is not null)
            await loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (client.IsConnected)
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
    }

    public void Dispose()
    {
        client.Dispose();
        inFlight.Dispose();
        stopping.Dispose();
    }

    /// <summary>
    /// With dynamic security the hub's credentials change on the broker ended the sessions already. Otherwise the
    /// broker authenticates agents by its own means, so the hub cannot end a session there: a connected agent keeps
    /// its session until it reconnects, and is then refused only if the broker was told of the change. Said in the log
    /// each time, since the operator must act on the broker.
    /// </summary>
    public override Task EndSessionsAsync(string clusterId, bool forget, CancellationToken cancellationToken = default)
    {
        // With dynamic security the hub changed the cluster's client on the broker, and Mosquitto ended its sessions then.
        if (options.Value.ManagesDynamicSecurity)
            return Task.CompletedTask;
        logger.LogWarning("Cluster {Cluster}: its token was replaced or it was deregistered, but the external MQTT broker authenticates agents itself; " +
            "end its session and change its credentials on the broker", clusterId);
        return Task.CompletedTask;
    }

    protected override async Task PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
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

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
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
                logger.LogWarning("Lost the connection to the MQTT broker; reconnecting");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning("Could not connect to the MQTT broker ({Error}); retrying in {Delay}", e.Message, backoff);
                await Task.Delay(backoff + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250)), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
            finally
            {
                client.DisconnectedAsync -= OnDisconnected;
            }
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        await client.ConnectAsync(ExternalBrokerOptions.Client(o, credential, credential.ClientId), cancellationToken);

        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var kind in Inbound)
            subscribe = subscribe.WithTopicFilter(f => f.WithTopic(Topics.AllClusters(kind, o.ShareGroup)).WithAtLeastOnceQoS());
        var subscribed = await client.SubscribeAsync(subscribe.Build(), cancellationToken);
        // A refused subscription would leave a connected hub that hears nothing: treat it as a failed connect and retry.
        if (subscribed.Items.FirstOrDefault(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2) is { } refused)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
            throw new InvalidOperationException($"the broker refused the hub's user '{credential.Username}' the subscription " +
                $"{refused.TopicFilter.Topic} ({refused.ResultCode}); with dynamic security the hub gives its user the role '{DynamicSecurity.DynSecCommands.HubRole}' itself");
        }
        logger.LogInformation("Connected to the MQTT broker {Broker} as {User} and subscribed to agent topics", new Uri(o.BrokerUrl!).Authority, credential.Username);
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        // Acknowledged to the broker once processed, not on return: a hub that dies mid-way gets it again.
        e.AutoAcknowledge = false;
        await inFlight.WaitAsync();
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
        _ = AcknowledgeWhenDoneAsync(e, work);
    }

    private async Task AcknowledgeWhenDoneAsync(MqttApplicationMessageReceivedEventArgs e, Task work)
    {
        try
        {
            await work;
            await e.AcknowledgeAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The connection may be gone; the broker then redelivers to the next session.
            logger.LogDebug(ex, "Could not acknowledge a message on {Topic}", e.ApplicationMessage.Topic);
        }
        finally
        {
            inFlight.Release();
        }
    }
}
