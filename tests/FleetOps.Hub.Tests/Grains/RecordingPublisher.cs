using System.Collections.Concurrent;
using FleetOps.Hub.Messaging;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Tests.Grains;

/// <summary>Keeps what grains would have published, per cluster, in order.</summary>
public sealed class RecordingPublisher : IClusterPublisher
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<IClusterMessage>> sent = new();

    public IReadOnlyList<DesiredMessage> Desired(string clusterId) => Of(clusterId).OfType<DesiredMessage>().ToList();

    public IReadOnlyList<AckMessage> Acks(string clusterId) => Of(clusterId).OfType<AckMessage>().ToList();

    public Task PublishDesiredAsync(DesiredMessage desired, CancellationToken cancellationToken = default) => Record(desired);

    public Task PublishAckAsync(AckMessage ack, CancellationToken cancellationToken = default) => Record(ack);

    private IEnumerable<IClusterMessage> Of(string clusterId) => sent.TryGetValue(clusterId, out var queue) ? queue.ToArray() : [];

    private Task Record(IClusterMessage message)
    {
        sent.GetOrAdd(message.ClusterId, _ => new ConcurrentQueue<IClusterMessage>()).Enqueue(message);
        return Task.CompletedTask;
    }
}
