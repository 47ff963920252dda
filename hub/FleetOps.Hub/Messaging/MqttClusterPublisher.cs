using FleetOps.Hub.Metrics;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Messaging;

/// <summary>Publishes what grains send to agents through the hub's bridge connection.</summary>
public sealed class MqttClusterPublisher(HubLink link, HubMetrics metrics) : IClusterPublisher
{
    public async Task PublishDesiredAsync(DesiredMessage desired, CancellationToken cancellationToken = default)
    {
        await link.PublishAsync(Topics.Desired(desired.ClusterId), WireCodec.Serialize(desired), retain: true, cancellationToken);
        metrics.MessageOut(MessageKind.Desired);
    }

    public async Task PublishAckAsync(AckMessage ack, CancellationToken cancellationToken = default)
    {
        await link.PublishAsync(Topics.Ack(ack.ClusterId), WireCodec.Serialize(ack), retain: false, cancellationToken);
        metrics.MessageOut(MessageKind.Ack);
    }
}
