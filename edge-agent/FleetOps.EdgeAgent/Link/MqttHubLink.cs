using System.Buffers;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace FleetOps.EdgeAgent.Link;

/// <summary>
/// <see cref="IHubLink"/> over an MQTTnet 5 client: client id and username are the cluster id, the
/// password its token; a persistent MQTT 5 session (clean start off, session expiry) keeps QoS 1
/// messages for us while we are away; the Last Will is a retained <c>offline</c> presence. Over mqtts the hub's
/// certificate is judged by <see cref="BrokerTrust"/>; a refusal is one warning per distinct reason and
/// <see cref="Problem"/>, and the link keeps retrying with backoff.
/// </summary>
public sealed class MqttHubLink : IHubLink
{
    private readonly AgentOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<MqttHubLink> logger;
    private readonly IMqttClient client;
    private readonly BrokerTrust trust;
    private volatile string? problem;
    private readonly CancellationTokenSource stopping = new();
    private TaskCompletionSource disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IHubLinkHandler? handler;
    private Task? loop;

    public MqttHubLink(AgentOptions options, TimeProvider time, ILogger<MqttHubLink> logger)
    {
        this.options = options;
        this.time = time;
        this.logger = logger;
        trust = options.BrokerCa is { } ca ? BrokerTrust.FromFile(ca) : BrokerTrust.System;
        client = new MqttClientFactory().CreateMqttClient();
        client.DisconnectedAsync += e =>
        {
            disconnected.TrySetResult();
            return Task.CompletedTask;
        };
        client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public bool IsConnected => client.IsConnected;

    public string? Problem => problem;

    public Task StartAsync(IHubLinkHandler handler, CancellationToken cancellationToken)
    {
        this.handler = handler;
        if (options.Broker is { } plain && IsPlainOffMachine(plain))
            logger.LogWarning("The link to {Broker} is plain MQTT: the token and everything sent cross the network unencrypted, and nothing proves it is the hub; use mqtts://{Host}:8883 with FLEETOPS_BROKER_CA", plain, plain.Host);
        loop = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (stopping.IsCancellationRequested)
            return;
        await stopping.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
            await loop.ConfigureAwait(false);
        if (client.IsConnected)
        {
            try
            {
                // A clean disconnect suppresses the Last Will, so say offline ourselves first.
                await client.PublishAsync(Presence(PresenceState.Offline), cancellationToken).ConfigureAwait(false);
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                logger.LogDebug("Clean disconnect failed: {Error}", e.Message);
            }
        }
    }

    public async Task<bool> PublishAsync(MessageKind kind, byte[] payload, CancellationToken cancellationToken)
    {
        if (!client.IsConnected)
            return false;
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(Topics.For(options.ClusterId, kind))
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            var result = await client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            return result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Exceptions.MqttClientNotConnectedException or InvalidOperationException)
        {
            logger.LogDebug("Publish of {Kind} failed: {Error}", kind, e.Message);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        client.Dispose();
        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var attempt = 0;
        string? refusalLogged = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var result = await client.ConnectAsync(ClientOptions(), cancellationToken).ConfigureAwait(false);
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                    throw new InvalidOperationException($"broker refused the connection: {result.ResultCode} {result.ReasonString}");
                attempt = 0;
                refusalLogged = null;
                problem = null;
                logger.LogInformation("Connected to {Broker} as {ClusterId} (session present: {SessionPresent})", options.Broker, options.ClusterId, result.IsSessionPresent);
                await OnConnectedAsync(cancellationToken).ConfigureAwait(false);
                await disconnected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                handler?.OnDisconnected("connection lost");
                logger.LogWarning("Disconnected from {Broker}; reconnecting", options.Broker);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping, not a broken link: MQTTnet reports a request the stop cancelled as a timeout. Disconnecting
                // here would be clean and so suppress the Last Will; StopAsync says offline first, then disconnects.
                return;
            }
            catch (Exception e)
            {
                refusalLogged = ConnectFailed(e, attempt, refusalLogged);
                if (client.IsConnected)
                    await SafeDisconnectAsync().ConfigureAwait(false);
            }
            attempt++;
            try
            {
                await Task.Delay(Backoff.Delay(attempt, options.Link.MinReconnectDelay, options.Link.MaxReconnectDelay), time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Records why a connect failed and logs it: an untrusted certificate is no network blip, so it is said in words once
    /// per distinct reason; anything else once at warning level, then per attempt at debug. Returns the refusal logged.
    /// </summary>
    private string? ConnectFailed(Exception e, int attempt, string? refusalLogged)
    {
        if (trust.TakeRefusal() is { } refusal)
        {
            problem = $"the broker's certificate is not trusted: {refusal}";
            if (refusal != refusalLogged)
                logger.LogWarning("Not connecting to {Broker}: {Refusal}; retrying with backoff", options.Broker, refusal);
            else
                logger.LogDebug("Connect attempt {Attempt} to {Broker} refused its certificate again", attempt, options.Broker);
            return refusal;
        }
        problem = $"cannot reach the broker: {e.Message}";
        if (attempt == 0)
            logger.LogWarning("Cannot reach broker {Broker}: {Error}; retrying with backoff", options.Broker, e.Message);
        else
            logger.LogDebug("Reconnect attempt {Attempt} to {Broker} failed: {Error}", attempt, options.Broker, e.Message);
        return refusalLogged;
    }

    private async Task OnConnectedAsync(CancellationToken cancellationToken)
    {
        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(Topics.Desired(options.ClusterId)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .WithTopicFilter(f => f.WithTopic(Topics.Ack(options.ClusterId)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build();
        await client.SubscribeAsync(subscribe, cancellationToken).ConfigureAwait(false);
        await client.PublishAsync(Presence(PresenceState.Online), cancellationToken).ConfigureAwait(false);
        if (handler is not null)
            await handler.OnConnectedAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SafeDisconnectAsync()
    {
        try
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build()).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException)
        {
            logger.LogDebug("Disconnect after a failed session start failed: {Error}", e.Message);
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (handler is null || !Topics.TryParse(topic, out _, out var kind))
            return;
        try
        {
            await handler.OnMessageAsync(kind, topic, e.ApplicationMessage.Payload.ToArray(), stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A handler bug must not tear down the connection; the message is logged and dropped.
            logger.LogError(ex, "Handling a message on {Topic} failed", topic);
        }
    }

    private MqttClientOptions ClientOptions()
    {
        var broker = options.Broker ?? throw new InvalidOperationException("no broker configured");
        var tls = broker.Scheme == "mqtts";
        var port = broker.IsDefaultPort || broker.Port <= 0 ? (tls ? 8883 : 1883) : broker.Port;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(options.ClusterId)
            .WithCredentials(options.ClusterId, options.Token)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)options.Link.SessionExpiry.TotalSeconds)
            .WithKeepAlivePeriod(options.Link.KeepAlive)
            .WithTimeout(options.Link.ConnectTimeout)
            .WithWillTopic(Topics.Presence(options.ClusterId))
            .WithWillPayload(WireCodec.Serialize(new PresenceMessage(WireVersion.Current, options.ClusterId, PresenceState.Offline, time.GetUtcNow())))
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (tls)
        {
            builder = builder.WithTlsOptions(o => o
                .UseTls()
                .WithTargetHost(broker.IdnHost)
                .WithCertificateValidationHandler(args => trust.Validate(args.Certificate, args.SslPolicyErrors)));
        }
        return builder.Build();
    }

    /// <summary>Plain MQTT to another machine: worth a warning, as the token and all the store says cross the network readable.</summary>
    internal static bool IsPlainOffMachine(Uri broker) =>
        broker.Scheme == "mqtt" && !broker.IsLoopback
        && !(System.Net.IPAddress.TryParse(broker.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));

    private MqttApplicationMessage Presence(PresenceState state) => new MqttApplicationMessageBuilder()
        .WithTopic(Topics.Presence(options.ClusterId))
        .WithPayload(WireCodec.Serialize(new PresenceMessage(WireVersion.Current, options.ClusterId, state, time.GetUtcNow())))
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .WithRetainFlag()
        .Build();
}
