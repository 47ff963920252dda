using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Link;

/// <summary>No broker configured: the agent reconciles from its cache and keeps its journal for later.</summary>
public sealed class NullHubLink : IHubLink
{
    public bool IsConnected => false;

    public string? Problem => null;

    public Task StartAsync(IHubLinkHandler handler, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> PublishAsync(MessageKind kind, byte[] payload, CancellationToken cancellationToken) => Task.FromResult(false);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
