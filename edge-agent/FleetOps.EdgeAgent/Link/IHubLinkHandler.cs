using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Link;

/// <summary>What the link calls back: after every connect (presence already online), on every disconnect, and per inbound message.</summary>
public interface IHubLinkHandler
{
    Task OnConnectedAsync(CancellationToken cancellationToken);

    void OnDisconnected(string reason);

    Task OnMessageAsync(MessageKind kind, string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
