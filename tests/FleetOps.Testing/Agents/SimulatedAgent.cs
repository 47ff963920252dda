using System.Collections.Concurrent;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Polling;
using MQTTnet;
using MQTTnet.Protocol;

namespace FleetOps.Testing.Agents;

/// <summary>
/// An edge agent's MQTT side and nothing else: connects as its cluster with its token and a Last Will,
/// says presence and hello, reports status and journal, and records every desired and ack it receives.
/// Used by the hub and CLI tests and the hub-ingest benchmark. Times are the wall clock's unless a test
/// gives its own (golden files need fixed ones).
/// </summary>
public sealed class SimulatedAgent(string clusterId, string token, string host, int port) : IAsyncDisposable
{
    /// <summary>The token this agent connects with.</summary>
    public string Token => token;

    private readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<DesiredMessage> desired = new();
    private long ackedSeq;
    private long journalSeq;
    private bool disposed;
    private bool listening;

    public string ClusterId => clusterId;

    public IReadOnlyCollection<DesiredMessage> DesiredReceived => desired;

    public DesiredMessage? LatestDesired => desired.LastOrDefault();

    public long AckedSeq => Interlocked.Read(ref ackedSeq);

    public long LastJournalSeq => journalSeq;

    public bool IsConnected => client.IsConnected;

    /// <summary>Connect with TLS, trusting any certificate (the tests' broker has a self-signed one).</summary>
    public bool UseTls { get; init; }

    /// <summary>
    /// Connects and subscribes; returns the broker's answer instead of throwing when refused. Called again after the
    /// connection was lost, it reconnects as an agent does, keeping its journal seq and the acks it received.
    /// </summary>
    public async Task<MqttClientConnectResultCode> ConnectAsync(string? willTopic = null, string? password = null, string? clientId = null)
    {
        if (!listening)
        {
            client.ApplicationMessageReceivedAsync += OnMessageAsync;
            listening = true;
        }
        var will = new PresenceMessage(WireVersion.Current, clusterId, PresenceState.Offline, DateTimeOffset.UtcNow);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithTlsOptions(t => t.UseTls(UseTls).WithAllowUntrustedCertificates().WithIgnoreCertificateChainErrors()
                .WithCertificateValidationHandler(_ => true))
            .WithClientId(clientId ?? clusterId)
            .WithCredentials(clusterId, password ?? token)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(20))
            .WithWillTopic(willTopic ?? Topics.Presence(clusterId))
            .WithWillPayload(WireCodec.Serialize(will))
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            var result = await client.ConnectAsync(options);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
                return result.ResultCode;
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException)
        {
            // MQTTnet 5 reports some refusals as this exception without the CONNACK reason code.
            return MqttClientConnectResultCode.UnspecifiedError;
        }
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(Topics.Desired(clusterId)).WithAtLeastOnceQoS())
            .WithTopicFilter(f => f.WithTopic(Topics.Ack(clusterId)).WithAtLeastOnceQoS())
            .Build());
        return MqttClientConnectResultCode.Success;
    }

    /// <summary>
    /// What an agent does on every connect: presence online (retained), then hello with its last journal seq and the
    /// highest ack it received.
    /// </summary>
    public async Task SayHelloAsync(IReadOnlyDictionary<string, string> labels, long generation = 0, string? renderer = null)
    {
        var now = DateTimeOffset.UtcNow;
        await PublishAsync(Topics.Presence(clusterId), WireCodec.Serialize(new PresenceMessage(WireVersion.Current, clusterId, PresenceState.Online, now)), retain: true);
        await PublishAsync(Topics.Hello(clusterId), WireCodec.Serialize(new HelloMessage(
            WireVersion.Current, clusterId, "sim-1.0", labels, "v1.31.0+k3s1", generation, journalSeq, now, renderer, Math.Min(AckedSeq, journalSeq))));
    }

    /// <summary>Waits until the latest desired state received satisfies <paramref name="accept"/>, and returns it.</summary>
    public Task<DesiredMessage> WaitForDesiredAsync(Func<DesiredMessage, bool> accept, string what) =>
        Eventually.ValueAsync(() => Task.FromResult(LatestDesired!), d => d is not null && accept(d), $"{clusterId}: {what}");

    /// <summary>Reports every group of the latest desired state in <paramref name="phase"/>, at the desired revisions.</summary>
    public Task ReportAsync(Phase phase, string reason = Reasons.ReconciliationSucceeded, string? message = null) =>
        ReportAsync(g => new GroupStatus(
            g.Name, phase, reason, message, g.Revision, phase == Phase.Converged ? g.Revision : null,
            new ResourceCounts(3, phase == Phase.Converged ? 3 : 2),
            phase == Phase.Degraded ? [new UnhealthyObject("Deployment/pos/api", "0/1 replicas available")] : [],
            DateTimeOffset.UtcNow));

    /// <summary>Reports a status for every group of the latest desired state (none before one arrives); <paramref name="group"/> says each one's.</summary>
    public Task ReportAsync(Func<DesiredGroup, GroupStatus> group, DateTimeOffset? at = null)
    {
        var target = LatestDesired;
        return PublishAsync(Topics.Status(clusterId), WireCodec.Serialize(new StatusMessage(
            WireVersion.Current, clusterId, target?.Generation ?? 0, at ?? DateTimeOffset.UtcNow, (target?.Groups ?? []).Select(group).ToList())));
    }

    /// <summary>
    /// Reports exactly these group statuses (a group it is removing among them, which the latest desired state no longer
    /// names) and, as an agent does when they changed, these inventories.
    /// </summary>
    public Task ReportStatusAsync(IReadOnlyList<GroupStatus> groups, IReadOnlyList<GroupInventory>? inventories = null, DateTimeOffset? at = null) =>
        PublishAsync(Topics.Status(clusterId), WireCodec.Serialize(new StatusMessage(
            WireVersion.Current, clusterId, LatestDesired?.Generation ?? 0, at ?? DateTimeOffset.UtcNow, groups, inventories)));

    /// <summary>Sends <paramref name="count"/> new journal events in one batch and returns the last seq.</summary>
    public async Task<long> JournalAsync(int count, string kind = JournalEventKinds.Applied, DateTimeOffset? at = null)
    {
        var events = Enumerable.Range(1, count)
            .Select(i => new JournalEvent(journalSeq + i, at ?? DateTimeOffset.UtcNow, kind, "platform", null, $"event {journalSeq + i}"))
            .ToList();
        await SendJournalAsync([.. events]);
        return journalSeq;
    }

    /// <summary>Sends the given events in one batch: new ones, or earlier ones again (as a redelivery after a lost ack).</summary>
    public async Task SendJournalAsync(params JournalEvent[] events)
    {
        await PublishAsync(Topics.Journal(clusterId), WireCodec.Serialize(new JournalMessage(WireVersion.Current, clusterId, events)));
        if (events.Length > 0)
            journalSeq = Math.Max(journalSeq, events.Max(e => e.Seq));
    }

    /// <summary>
    /// A clean shutdown: retained presence offline, then disconnect. Its stamp is the wall clock's and
    /// matters to nobody: the hub takes presence in arrival order and dates the change with its own clock.
    /// </summary>
    public async Task GoOfflineAsync()
    {
        await PublishAsync(Topics.Presence(clusterId),
            WireCodec.Serialize(new PresenceMessage(WireVersion.Current, clusterId, PresenceState.Offline, DateTimeOffset.UtcNow)), retain: true);
        await DisposeAsync();
    }

    /// <summary>Publishes raw bytes; returns the broker's answer (NotAuthorized when the topic rule refuses it).</summary>
    public async Task<MqttClientPublishReasonCode> PublishAsync(string topic, byte[] payload, bool retain = false)
    {
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build());
        return result.ReasonCode;
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter)
    {
        var result = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS()).Build());
        return result.Items.First().ResultCode;
    }

    /// <summary>Drops the connection without a DISCONNECT, as a crash or a cut cable would, so the broker sends the Last Will.</summary>
    public Task DropAsync()
    {
        client.Dispose();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
            return;
        disposed = true;
        try
        {
            if (client.IsConnected)
                await client.DisconnectAsync();
        }
        catch (ObjectDisposedException)
        {
            // Already dropped.
        }
        client.Dispose();
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var parsed = WireCodec.Default.Parse(e.ApplicationMessage.Topic, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload));
        switch (parsed.Message)
        {
            case DesiredMessage d:
                desired.Enqueue(d);
                break;
            case AckMessage a:
                long current;
                while ((current = Interlocked.Read(ref ackedSeq)) < a.Seq && Interlocked.CompareExchange(ref ackedSeq, a.Seq, current) != current)
                {
                }
                break;
        }
        return Task.CompletedTask;
    }
}
