using System.Threading.Channels;
using FleetOps.Hub.Metrics;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Messaging;

/// <summary>What both transports share: the wire encoding, the topics and the outbound counters.</summary>
internal abstract class MqttAgentTransport(HubMetrics metrics) : IAgentTransport
{
    public abstract bool IsConnected { get; }

    protected HubMetrics Metrics { get; } = metrics;

    public abstract ChannelReader<int> Connections { get; }

    public async Task PublishDesiredAsync(DesiredMessage desired, CancellationToken cancellationToken = default)
    {
        await PublishAsync(Topics.Desired(desired.ClusterId), WireCodec.Serialize(desired), retain: true, cancellationToken);
        Metrics.MessageOut(MessageKind.Desired);
    }

    public async Task PublishAckAsync(AckMessage ack, CancellationToken cancellationToken = default)
    {
        await PublishAsync(Topics.Ack(ack.ClusterId), WireCodec.Serialize(ack), retain: false, cancellationToken);
        Metrics.MessageOut(MessageKind.Ack);
    }

    public abstract Task EndSessionsAsync(string clusterId, bool forget, CancellationToken cancellationToken = default);

    /// <summary>An empty retained message is how MQTT deletes the retained one (MQTT 3.1.1 3.3.1.3, MQTT 5 3.3.1.3).</summary>
    public async Task ClearRetainedAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        await PublishAsync(Topics.Desired(clusterId), [], retain: true, cancellationToken);
        await PublishAsync(Topics.Presence(clusterId), [], retain: true, cancellationToken);
    }

    protected abstract Task PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken);
}
