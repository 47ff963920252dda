using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Grains;

internal partial class ClusterGrain
{
    private IGrainTimer? presenceGrace;

    /// <summary>Until when the cluster's presence waits for its agent to confirm it (see <see cref="ClusterView.UnconfirmedUntil"/>).</summary>
    private DateTimeOffset? UnconfirmedUntil => ClusterView.UnconfirmedUntil(S, epoch.Since, hubOptions.Value.PresenceGrace);

    /// <summary>
    /// After a start, an online presence nobody has confirmed is given the grace period to be; a timer, kept alive,
    /// takes the cluster as Offline when it ends without a word from the agent (no Last Will could say so).
    /// </summary>
    private void AwaitPresence()
    {
        if (!S.Registered || presenceGrace is not null || UnconfirmedUntil is not { } until)
            return;
        var due = until - time.GetUtcNow();
        presenceGrace = this.RegisterGrainTimer(ExpirePresenceAsync,
            new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task ExpirePresenceAsync(CancellationToken cancellationToken)
    {
        presenceGrace?.Dispose();
        presenceGrace = null;
        if (UnconfirmedUntil is not { } until)
            return;
        if (time.GetUtcNow() < until)
        {
            AwaitPresence();
            return;
        }
        logger.LogInformation("Cluster {Cluster} has not said hello within {Grace} of the hub's start; taking it as offline", Id, hubOptions.Value.PresenceGrace);
        SetPresence(PresenceState.Offline, time.GetUtcNow());
        await SaveAsync();
        Report(force: false);
    }
}
