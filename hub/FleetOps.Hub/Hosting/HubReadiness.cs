namespace FleetOps.Hub.Hosting;

/// <summary>
/// Set once the hub has resumed every cluster (desired state republished, reports rebuilt): until
/// then /readyz says 503 and the git watcher waits, so nothing moves on half-loaded state.
/// </summary>
internal sealed class HubReadiness
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => ready.Task.IsCompleted;

    public void MarkReady() => ready.TrySetResult();

    public Task WaitAsync(CancellationToken cancellationToken) => ready.Task.WaitAsync(cancellationToken);
}
