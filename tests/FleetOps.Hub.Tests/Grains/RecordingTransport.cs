using System.Collections.Concurrent;
using System.Threading.Channels;
using FleetOps.Hub.Messaging;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Hub.Tests.Grains;

/// <summary>Keeps what grains would have published, per cluster, in order; can be told to refuse desired publishes.</summary>
internal sealed class RecordingTransport : IAgentTransport
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<IClusterMessage>> sent = new();

    /// <summary>While set, every desired publish throws, as a broker that cannot be reached does.</summary>
    public volatile bool RefuseDesired;

    public bool IsConnected => !RefuseDesired;

    public ChannelReader<int> Connections { get; } = Channel.CreateUnbounded<int>().Reader;

    /// <summary>Makes one recorder the silo's agent transport (the only place the tests name that seam).</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<RecordingTransport>();
        services.AddSingleton<IAgentTransport>(sp => sp.GetRequiredService<RecordingTransport>());
    }

    public IReadOnlyList<DesiredMessage> Desired(string clusterId) => Of(clusterId).OfType<DesiredMessage>().ToList();

    public IReadOnlyList<AckMessage> Acks(string clusterId) => Of(clusterId).OfType<AckMessage>().ToList();

    public Task PublishDesiredAsync(DesiredMessage desired, CancellationToken cancellationToken = default) =>
        RefuseDesired ? throw new InvalidOperationException("the broker is down (test)") : Record(desired);

    public Task PublishAckAsync(AckMessage ack, CancellationToken cancellationToken = default) => Record(ack);

    public Task EndSessionsAsync(string clusterId, bool forget, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task ClearRetainedAsync(string clusterId, CancellationToken cancellationToken = default) => Task.CompletedTask;

    private IEnumerable<IClusterMessage> Of(string clusterId) => sent.TryGetValue(clusterId, out var queue) ? queue.ToArray() : [];

    private Task Record(IClusterMessage message)
    {
        sent.GetOrAdd(message.ClusterId, _ => new ConcurrentQueue<IClusterMessage>()).Enqueue(message);
        return Task.CompletedTask;
    }
}
