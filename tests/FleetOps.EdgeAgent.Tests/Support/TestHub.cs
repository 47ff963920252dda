using System.Buffers;
using System.Collections.Concurrent;
using FleetOps.Shared.Contracts;
using MQTTnet;
using MQTTnet.Protocol;

namespace FleetOps.EdgeAgent.Tests.Support;

/// <summary>An MQTT client standing in for the hub: records what agents send, publishes desired state and acks.</summary>
public sealed class TestHub : IAsyncDisposable
{
    private readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<(string Topic, byte[] Payload)> received = new();

    public bool AutoAck { get; set; }

    public IReadOnlyList<(string Topic, byte[] Payload)> Received => received.ToList();

    public static async Task<TestHub> ConnectAsync(TestBroker broker, bool autoAck = false)
    {
        var hub = new TestHub { AutoAck = autoAck };
        hub.client.ApplicationMessageReceivedAsync += async e =>
        {
            hub.received.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
            if (hub.AutoAck && Topics.TryParse(e.ApplicationMessage.Topic, out var id, out var kind) && kind == MessageKind.Journal)
            {
                var batch = WireCodec.Default.Parse<JournalMessage>(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
                if (batch.IsOk && batch.Message.Events.Count > 0)
                    await hub.PublishAsync(Topics.Ack(id), WireCodec.Serialize(new AckMessage(1, id, batch.Message.Events[^1].Seq)));
            }
        };
        await hub.client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", broker.Port)
            .WithClientId($"hub-{Guid.NewGuid():N}")
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build());
        await hub.client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic($"{Topics.Root}/#").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build());
        return hub;
    }

    public Task PublishAsync(string topic, byte[] payload, bool retain = false) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build());

    public Task PublishDesiredAsync(DesiredMessage desired) => PublishAsync(Topics.Desired(desired.ClusterId), WireCodec.Serialize(desired), retain: true);

    public IReadOnlyList<T> Messages<T>(string clusterId, MessageKind kind) where T : class, IClusterMessage =>
        Received.Where(m => m.Topic == Topics.For(clusterId, kind))
            .Select(m => WireCodec.Default.Parse<T>(m.Topic, m.Payload))
            .Where(r => r.IsOk)
            .Select(r => r.Message!)
            .ToList();

    /// <summary>Every journal event received for the cluster, in arrival order (duplicates kept).</summary>
    public IReadOnlyList<JournalEvent> Journal(string clusterId) =>
        Messages<JournalMessage>(clusterId, MessageKind.Journal).SelectMany(m => m.Events).ToList();

    public async ValueTask DisposeAsync()
    {
        if (client.IsConnected)
            await client.DisconnectAsync();
        client.Dispose();
    }
}
