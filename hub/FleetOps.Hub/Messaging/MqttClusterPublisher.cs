using FleetOps.Hub.Metrics;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Hub.Messaging;

/// <summary>
/// Publishes what grains send to agents: injected into the embedded broker when there is one, else
/// through the hub's bridge connection to the external broker.
/// </summary>
public sealed class MqttClusterPublisher(HubLink link, IServiceProvider services, HubMetrics metrics) : IClusterPublisher
{
    private readonly EmbeddedBroker? embedded = services.GetService<EmbeddedBroker>();

    public async Task PublishDesiredAsync(DesiredMessage desired, CancellationToken cancellationToken = default)
    {
        await PublishAsync(Topics.Desired(desired.ClusterId), WireCodec.Serialize(desired), retain: true, cancellationToken);
        metrics.MessageOut(MessageKind.Desired);
    }

    public async Task PublishAckAsync(AckMessage ack, CancellationToken cancellationToken = default)
    {
        await PublishAsync(Topics.Ack(ack.ClusterId), WireCodec.Serialize(ack), retain: false, cancellationToken);
        metrics.MessageOut(MessageKind.Ack);
    }

    private Task PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken) =>
        embedded is { IsRunning: true }
            ? embedded.InjectAsync(topic, payload, retain, cancellationToken)
            : link.PublishAsync(topic, payload, retain, cancellationToken);
}
