using System.Threading.Channels;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Messaging;

/// <summary>
/// How the hub reaches agents: the broker embedded in the hub, or an external one. Exactly one is chosen
/// at composition (<c>AddHubMessaging</c>); inbound messages reach the <see cref="IngestDispatcher"/> by
/// whatever route the transport has. Publishes throw when the broker cannot be reached: the caller retries.
/// </summary>
internal interface IAgentTransport
{
    /// <summary>Whether a publish can go out now.</summary>
    bool IsConnected { get; }

    /// <summary>
    /// Announces every (re)connection. Retained desired state must then be republished: an embedded
    /// broker starts empty, and the hub, not the broker, is the source of truth.
    /// </summary>
    ChannelReader<int> Connections { get; }

    /// <summary>Retained, QoS 1, on <see cref="Topics.Desired"/>.</summary>
    Task PublishDesiredAsync(DesiredMessage desired, CancellationToken cancellationToken = default);

    /// <summary>QoS 1, on <see cref="Topics.Ack"/>.</summary>
    Task PublishAckAsync(AckMessage ack, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the cluster's live sessions at once (its token was replaced, or it was deregistered), so nothing it
    /// authenticated with before goes on publishing; with <paramref name="forget"/> its persistent session (queued
    /// messages, subscriptions) goes too. The embedded broker does this; an external broker authenticates agents
    /// itself, so there it does nothing and says so in the log.
    /// </summary>
    Task EndSessionsAsync(string clusterId, bool forget, CancellationToken cancellationToken = default);

    /// <summary>Removes what the broker retains for the cluster (its desired state and presence), once it is deregistered.</summary>
    Task ClearRetainedAsync(string clusterId, CancellationToken cancellationToken = default);
}
