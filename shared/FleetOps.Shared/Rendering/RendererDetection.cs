namespace FleetOps.Shared.Rendering;

/// <summary>
/// The kustomize tool a hub or an agent renders with, detected once at start (its version asked once): what the
/// hub shows in <c>/readyz</c> and <c>fleetops status</c>, and what an agent tells the hub in its hello.
/// </summary>
public sealed class RendererDetection(RenderOptions options)
{
    private readonly Lazy<Task<KustomizeRenderer>> result = new(() => KustomizeLocator.LocateAsync(options.KustomizeExecutable, options.SearchPath));

    /// <summary>Starts the detection if it has not started, and waits for it.</summary>
    public Task<KustomizeRenderer> DetectAsync(CancellationToken cancellationToken = default) => result.Value.WaitAsync(cancellationToken);

    /// <summary>The result once known; null while it is detected.</summary>
    public KustomizeRenderer? Current => result.IsValueCreated && result.Value.IsCompletedSuccessfully ? result.Value.Result : null;
}
