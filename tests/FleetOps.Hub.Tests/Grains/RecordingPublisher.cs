using System.Collections.Concurrent;
using FleetOps.Hub.Messaging;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Hub.Tests.Grains;

/// <summary>Keeps what grains would have published, per cluster, in order.</summary>
public sealed class RecordingPublisher : IClusterPublisher
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<IClusterMessage>> sent = new();

    /// <summary>Makes one recorder the silo's publishing seam (the only place the tests name that seam).</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<RecordingPublisher>();
        services.AddSingleton<IClusterPublisher>(sp => sp.GetRequiredService<RecordingPublisher>());
    }

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
