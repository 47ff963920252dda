using FleetOps.Shared.Contracts;
using MQTTnet;
using MQTTnet.Protocol;

namespace FleetOps.Benchmarks.FleetScale;

/// <summary>
/// A store at the protocol level, as the fleet-scale benchmark needs ten thousand of them in one process:
/// a real MQTT client with its own credentials that says presence and hello on every connect, takes its
/// retained desired state, reports Progressing at once and Converged (or Failed) after its delay, journals
/// each step, keeps unacknowledged events and sends them again after a reconnect, and reconnects with the
/// agent's backoff when the hub goes away. No git, render or Kubernetes: the hub's side is what is measured.
/// </summary>
public sealed class ScaleStore(string clusterId, string token, ScaleStoreOptions options, WireTraffic traffic) : IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string> { ["region"] = "bench" };

    private readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly List<JournalEvent> unacked = [];
    private long generation;
    private long journalSeq;
    private long ackedSeq;
    private int reconnecting;
    private volatile bool stopping;

    public string ClusterId => clusterId;

    public bool Fails => options.Fails;

    public long JournalSeq => Interlocked.Read(ref journalSeq);

    public long AckedSeq => Interlocked.Read(ref ackedSeq);

    public bool IsConnected => client.IsConnected;

    /// <summary>The revision of the last status this store sent, and its phase.</summary>
    public (string? Revision, Phase Phase) LastReport { get; private set; }

    /// <summary>The wire size of this store's last status message: what its heartbeat would send when idle.</summary>
    public int LastStatusBytes { get; private set; }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        client.ApplicationMessageReceivedAsync += OnMessageAsync;
        client.DisconnectedAsync += _ => OnDisconnectedAsync();
        await ConnectOnceAsync(cancellationToken);
    }

    private async Task ConnectOnceAsync(CancellationToken cancellationToken)
    {
        var will = WireCodec.Serialize(new PresenceMessage(WireVersion.Current, clusterId, PresenceState.Offline, DateTimeOffset.UtcNow));
        var connect = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId(clusterId)
            .WithCredentials(clusterId, token)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart()
            .WithKeepAlivePeriod(options.KeepAlive)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .WithWillTopic(Topics.Presence(clusterId)).WithWillPayload(will).WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await client.ConnectAsync(connect, cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
            throw new InvalidOperationException($"{clusterId}: connect refused: {result.ResultCode}");
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(Topics.Desired(clusterId)).WithAtLeastOnceQoS())
            .WithTopicFilter(f => f.WithTopic(Topics.Ack(clusterId)).WithAtLeastOnceQoS())
            .Build(), cancellationToken);
        await SayHelloAsync();
    }

    /// <summary>What an agent does on every connect: presence online, hello, then whatever the hub has not acknowledged.</summary>
    private async Task SayHelloAsync()
    {
        var now = DateTimeOffset.UtcNow;
        await SendAsync(Topics.Presence(clusterId), WireCodec.Serialize(new PresenceMessage(WireVersion.Current, clusterId, PresenceState.Online, now)), retain: true);
        await SendAsync(Topics.Hello(clusterId), WireCodec.Serialize(new HelloMessage(
            WireVersion.Current, clusterId, "bench-1.0", Labels, "v1.31.0+k3s1", Interlocked.Read(ref generation), JournalSeq, now, null)));
        JournalEvent[] pending;
        lock (unacked)
            pending = [.. unacked];
        if (pending.Length > 0)
            await SendAsync(Topics.Journal(clusterId), WireCodec.Serialize(new JournalMessage(WireVersion.Current, clusterId, pending)));
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var payload = System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload);
        traffic.Received(e.ApplicationMessage.Topic, payload.Length);
        switch (WireCodec.Default.Parse(e.ApplicationMessage.Topic, payload).Message)
        {
            case DesiredMessage desired when desired.Generation > Interlocked.Read(ref generation):
                Interlocked.Exchange(ref generation, desired.Generation);
                // Off the client's receive loop: a QoS 1 publish from inside its handler would wait on that loop.
                _ = Task.Run(() => ApplyAsync(desired));
                break;
            case AckMessage ack:
                Acknowledged(ack.Seq);
                break;
        }
        return Task.CompletedTask;
    }

    /// <summary>An agent's run for a new desired state: Progressing at once, then Converged or Failed after the store's delay.</summary>
    private async Task ApplyAsync(DesiredMessage desired)
    {
        try
        {
            await ReportAsync(desired, Phase.Progressing, [JournalEventKinds.TargetReceived]);
            var delay = options.ConvergeDelay * (0.5 + Random.Shared.NextDouble());
            await Task.Delay(delay);
            if (Interlocked.Read(ref generation) != desired.Generation)
                return;
            if (options.Fails)
                await ReportAsync(desired, Phase.Failed, [JournalEventKinds.Failed]);
            else
                await ReportAsync(desired, Phase.Converged, [JournalEventKinds.Applied, JournalEventKinds.Converged]);
        }
        catch (Exception) when (stopping || !client.IsConnected)
        {
            // Cut off mid-run: the hub's retained desired state runs it again after the reconnect (hello names the generation).
            Interlocked.Exchange(ref generation, 0);
        }
    }

    private async Task ReportAsync(DesiredMessage desired, Phase phase, string[] kinds)
    {
        var now = DateTimeOffset.UtcNow;
        var failed = phase == Phase.Failed;
        var groups = desired.Groups.Select(g => new GroupStatus(
            g.Name, phase, failed ? Reasons.ApplyFailed : Reasons.ReconciliationSucceeded, failed ? "Deployment/pos/api apply failed: simulated" : null,
            g.Revision, phase == Phase.Converged ? g.Revision : null, new ResourceCounts(3, phase == Phase.Converged ? 3 : 0), [], now)).ToList();
        var status = WireCodec.Serialize(new StatusMessage(WireVersion.Current, clusterId, desired.Generation, now, groups));
        await SendAsync(Topics.Status(clusterId), status);
        LastStatusBytes = WireTraffic.PublishBytes(Topics.Status(clusterId), status.Length);
        LastReport = (desired.Groups.FirstOrDefault()?.Revision, phase);
        JournalEvent[] events;
        lock (unacked)
        {
            events = kinds.Select(kind => new JournalEvent(++journalSeq, now, kind, desired.Groups.FirstOrDefault()?.Name, desired.Groups.FirstOrDefault()?.Revision, null)).ToArray();
            unacked.AddRange(events);
        }
        await SendAsync(Topics.Journal(clusterId), WireCodec.Serialize(new JournalMessage(WireVersion.Current, clusterId, events)));
    }

    private void Acknowledged(long seq)
    {
        lock (unacked)
        {
            if (seq <= ackedSeq)
                return;
            Interlocked.Exchange(ref ackedSeq, seq);
            unacked.RemoveAll(e => e.Seq <= seq);
        }
    }

    private async Task SendAsync(string topic, byte[] payload, bool retain = false)
    {
        // One message at a time per store, in order, as the agent's outbox sends them.
        await sending.WaitAsync();
        try
        {
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build());
            traffic.Sent(topic, payload.Length);
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>The agent's reconnect loop: exponential backoff with jitter, so a hub restart does not meet all stores at once.</summary>
    private async Task OnDisconnectedAsync()
    {
        if (stopping || Interlocked.Exchange(ref reconnecting, 1) == 1)
            return;
        _ = Task.Run(async () =>
        {
            var delay = options.MinReconnectDelay;
            while (!stopping && !client.IsConnected)
            {
                await Task.Delay(delay * (0.5 + Random.Shared.NextDouble() / 2));
                try
                {
                    await ConnectOnceAsync(CancellationToken.None);
                }
                catch (Exception) when (!stopping)
                {
                    delay = delay * 2 < options.MaxReconnectDelay ? delay * 2 : options.MaxReconnectDelay;
                }
            }
            Interlocked.Exchange(ref reconnecting, 0);
        });
        await Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        stopping = true;
        try
        {
            if (client.IsConnected)
                await client.DisconnectAsync();
        }
        catch (Exception)
        {
            // Already gone with the hub.
        }
        client.Dispose();
        sending.Dispose();
    }
}
