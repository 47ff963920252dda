using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Source;
using FleetOps.Shared.Api;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Grains;

/// <summary>
/// Makes its own silo's <see cref="GitWatcher"/> the cluster's one watcher for as long as it lives there. Kept alive
/// (no idle deactivation) so the watch does not wander; it holds no state, so it needs no storage, and reentrant so a
/// ping is never queued behind a long poll.
/// </summary>
[KeepAlive, Reentrant]
internal sealed class SourceWatchGrain(GitWatcher watcher, ILogger<SourceWatchGrain> logger) : Grain, ISourceWatchGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("This silo ({Silo}) now watches the fleet-config repository for the cluster", RuntimeIdentity);
        watcher.Lead();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        logger.LogInformation("This silo ({Silo}) stops watching the fleet-config repository: {Reason}", RuntimeIdentity, reason.Description);
        watcher.Follow();
        return Task.CompletedTask;
    }

    public Task PingAsync() => Task.CompletedTask;

    public Task<RefreshResult> RefreshAsync() => watcher.RefreshHereAsync(CancellationToken.None);
}
