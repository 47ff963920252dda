using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Link;

/// <summary>
/// The connection to the hub's broker (MQTTnet lives only behind it). It connects and reconnects on
/// its own; nothing in the agent waits for it, so a lost or absent link never blocks reconciling.
/// </summary>
public interface IHubLink : IAsyncDisposable
{
    bool IsConnected { get; }

    /// <summary>Why the link is down, in words (an untrusted certificate, an unreachable broker); null while connected or never tried.</summary>
    string? Problem { get; }

    /// <summary>Starts connecting in the background and returns at once.</summary>
    Task StartAsync(IHubLinkHandler handler, CancellationToken cancellationToken);

    /// <summary>Publishes <c>offline</c> presence (when connected) and disconnects cleanly.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>Publishes at QoS 1 on this cluster's topic; false when not connected or the broker refused.</summary>
    Task<bool> PublishAsync(MessageKind kind, byte[] payload, CancellationToken cancellationToken);
}
