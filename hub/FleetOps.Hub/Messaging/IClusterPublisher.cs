using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Messaging;

/// <summary>What grains send to agents. Throws when the broker cannot be reached; the caller decides what to retry.</summary>
public interface IClusterPublisher
{
    /// <summary>Retained, QoS 1, on <see cref="Topics.Desired"/>.</summary>
    Task PublishDesiredAsync(DesiredMessage desired, CancellationToken cancellationToken = default);

    /// <summary>QoS 1, on <see cref="Topics.Ack"/>.</summary>
    Task PublishAckAsync(AckMessage ack, CancellationToken cancellationToken = default);
}
