using System.Threading.Channels;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Metrics;
using FleetOps.Hub.Security;
using FleetOps.Hub.Security.Tls;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace FleetOps.Hub.Messaging.Embedded;

/// <summary>
/// The default transport: MQTTnet's broker inside the hub. TLS on <see cref="MqttOptions.TlsPort"/> with
/// <see cref="BrokerCertificates"/>, plain MQTT on <see cref="MqttOptions.Port"/> for local tools (see
/// <see cref="BrokerListeners"/>), persistent sessions for agents, the
/// <see cref="BrokerAuthenticator"/> rules on every connect, publish and subscribe. Agents' messages are
/// taken inside the broker (<see cref="BrokerIngest"/>) and the hub's own are queued on the cluster's session, so no client
/// connection of the hub's is involved: there is no bridge to lose.
/// </summary>
internal sealed class EmbeddedBroker(
    IOptions<MqttOptions> options,
    BrokerAuthenticator authenticator,
    BrokerIngest ingest,
    BrokerCertificates certificates,
    HubMetrics metrics,
    LogOnce logOnce,
    ILogger<EmbeddedBroker> logger) : MqttAgentTransport(metrics), IHostedService, IAsyncDisposable
{
    // Agents only ever receive their desired state and acks; a deep queue keeps a burst of acks from being dropped.
    private const int MaxPendingPerClient = 10_000;

    private readonly Channel<int> connections = Channel.CreateUnbounded<int>();
    private readonly RetainedByTopic retained = new();
    private MqttServer? server;
    private volatile bool stopping;

    public override bool IsConnected => server?.IsStarted == true && !stopping;

    public override ChannelReader<int> Connections => connections.Reader;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var serverOptions = new MqttServerFactory().CreateServerOptionsBuilder()
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(MaxPendingPerClient)
            .Build();
        // Our listeners, not MQTTnet's: exact addresses, a connect deadline and packet limits before any body is read.
        var listeners = new BrokerListeners(o, () => certificates.Current, Metrics, logOnce, logger);

        server = new MqttServerFactory().CreateMqttServer(serverOptions, [listeners]);
        server.ValidatingConnectionAsync += authenticator.ValidateConnectionAsync;
        server.InterceptingPublishAsync += InterceptPublishAsync;
        server.InterceptingSubscriptionAsync += authenticator.InterceptSubscriptionAsync;
        server.ClientConnectedAsync += ClientConnectedAsync;
        server.ClientSubscribedTopicAsync += ClientSubscribedAsync;
        await server.StartAsync();
        connections.Writer.TryWrite(1);
        logger.LogInformation("Embedded MQTT broker listening on {Endpoints} (TLS on port {TlsPort})", string.Join(", ", listeners.Endpoints), o.TlsPort);
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

    /// <summary>
    /// Publishes from inside the broker, as the hub, straight to the one cluster the topic names: a retained message is
    /// kept in <see cref="RetainedByTopic"/> (delivered when the cluster subscribes), and the message is queued on the
    /// cluster's session if it has one. MQTTnet's own routing (<c>InjectApplicationMessage</c>) checks every session's
    /// subscriptions under a lock for each message, which made the hub's CPU grow with the fleet for every desired and
    /// ack it sent; only a cluster itself may subscribe to its desired and ack topics, so nobody else is missed.
    /// </summary>
    protected override async Task PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        if (server is not { IsStarted: true } running || stopping)
            throw new InvalidOperationException("the embedded MQTT broker is not running");
        if (!Topics.TryParse(topic, out var clusterId, out _))
            throw new ArgumentException($"'{topic}' is not a cluster topic", nameof(topic));
        if (retain)
            retained.Set(topic, payload);
        // An empty retained message only clears the retained one; there is nothing to deliver.
        if (payload.Length == 0 || await SessionOfAsync(running, clusterId) is not { } session)
            return;
        Enqueue(session, topic, payload, retain: false);
    }

    /// <summary>
    /// A subscription gets what is retained for its topic, as MQTT's retained messages do. A desired state published
    /// while this runs may arrive twice or, the older after the newer; agents ignore a generation they already hold.
    /// </summary>
    private async Task ClientSubscribedAsync(ClientSubscribedTopicEventArgs args)
    {
        if (retained.Get(args.TopicFilter.Topic) is not { } payload || server is not { IsStarted: true } running
            || await SessionOfAsync(running, args.ClientId) is not { } session)
            return;
        Enqueue(session, args.TopicFilter.Topic, payload, retain: true);
    }

    private static void Enqueue(MqttSessionStatus session, string topic, byte[] payload, bool retain)
    {
        if (!session.TryEnqueueApplicationMessage(Message(topic, payload, retain), out _))
            throw new InvalidOperationException($"cluster {session.Id} has {MaxPendingPerClient} messages waiting already; this one was not queued");
    }

    private static async Task<MqttSessionStatus?> SessionOfAsync(MqttServer running, string clusterId)
    {
        try
        {
            return await running.GetSessionAsync(clusterId);
        }
        catch (InvalidOperationException)
        {
            // Never connected since the broker started: its retained desired state waits for it.
            return null;
        }
    }

    private static MqttApplicationMessage Message(string topic, byte[] payload, bool retain) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();

    /// <summary>
    /// Revokes what the cluster authenticated with (a connect being validated right now is refused too), then
    /// disconnects its connection; with <paramref name="forget"/> its persistent session is deleted.
    /// </summary>
    public override Task EndSessionsAsync(string clusterId, bool forget, CancellationToken cancellationToken = default)
    {
        authenticator.Revoke(clusterId);
        return DisconnectAsync(clusterId, forget);
    }

    private async Task DisconnectAsync(string clusterId, bool forget)
    {
        if (server is not { IsStarted: true } running)
            return;
        try
        {
            await running.DisconnectClientAsync(clusterId, new MqttServerClientDisconnectOptions
            {
                ReasonCode = MqttDisconnectReasonCode.NotAuthorized,
                ReasonString = "the cluster's token was replaced or it was deregistered",
            });
            logger.LogInformation("Ended the MQTT session of cluster {Cluster}", clusterId);
        }
        catch (InvalidOperationException)
        {
            // Not connected: nothing to end.
        }
        if (!forget)
            return;
        try
        {
            await (await running.GetSessionAsync(clusterId)).DeleteAsync();
        }
        catch (InvalidOperationException)
        {
            // No session kept for it.
        }
    }

    private async Task ClientConnectedAsync(ClientConnectedEventArgs args)
    {
        // Validated just before a revocation that found nothing yet to disconnect: end it now.
        if (authenticator.IsRevoked(args.ClientId, args.SessionItems))
            await DisconnectAsync(args.ClientId, forget: false);
    }

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
        // An agent's presence (and its Last Will) is retained for brokers the hub does not run; here the hub takes it
        // as it passes, nobody else may subscribe to it, and the broker's retained store is not kept across a restart.
        // Kept out of that store, it does not make every SUBSCRIBE slower (see RetainedByTopic).
        if (args.ProcessPublish && BrokerAuthenticator.IsCluster(args.SessionItems))
            args.ApplicationMessage.Retain = false;
        // Wills pass through here too, with the session items of the connection they belong to.
        if (args.ProcessPublish && BrokerAuthenticator.IsCluster(args.SessionItems))
            await ingest.TakeAsync(args);
    }
}
