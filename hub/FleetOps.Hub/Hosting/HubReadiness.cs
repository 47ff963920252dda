using System.Collections.Concurrent;

namespace FleetOps.Hub.Hosting;

/// <summary>
/// Set once the hub has resumed every cluster (desired state republished, reports rebuilt): until
/// then /readyz says 503 and the git watcher waits, so nothing moves on half-loaded state. Clusters
/// whose stored state could not be read whole on resume are kept here, so /readyz can say which; they
/// do not make the hub unready, since one store must not take the API away from the whole fleet.
/// </summary>
internal sealed class HubReadiness
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, string> attention = new(StringComparer.Ordinal);

    public bool IsReady => ready.Task.IsCompleted;

    /// <summary>Clusters whose stored state could not be read whole, with why, as the last resume found them.</summary>
    public IReadOnlyDictionary<string, string> NeedAttention => attention;

    public void MarkReady() => ready.TrySetResult();

    public Task WaitAsync(CancellationToken cancellationToken) => ready.Task.WaitAsync(cancellationToken);

    public void NeedsAttention(string clusterId, string problem) => attention[clusterId] = problem;

    /// <summary>The cluster reads whole again (its agent reported since, or it was deregistered).</summary>
    public void Resolved(string clusterId) => attention.TryRemove(clusterId, out _);
}
