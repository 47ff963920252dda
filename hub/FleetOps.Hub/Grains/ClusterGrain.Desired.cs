using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Grains;

internal partial class ClusterGrain
{
    // Volatile on purpose: after a restart nothing counts as published, so resuming republishes.
    private long publishedGeneration = -1;
    private CatchUp publishing = null!;

    /// <summary>
    /// Applies the <see cref="DesiredPlan"/> for the snapshot and the labels: a new generation is issued only
    /// when the desired groups or the labels told change, and it is persisted before it is published.
    /// </summary>
    private async Task ReconcileDesiredAsync(FleetSnapshot snapshot, bool republish, bool forceNewGeneration = false, bool forceWrite = false)
    {
        if (snapshot.Version < S.SnapshotVersion)
            snapshot = await Fleet.GetSnapshotAsync();
        var labels = SelectionLabels;
        var plan = DesiredPlan.Compute(snapshot, labels, S, forceNewGeneration);
        var changed = plan.Generation != S.Generation || plan.MembershipsChanged(S) || snapshot.Version != S.SnapshotVersion
            || !plan.CanaryIn.SequenceEqual(S.CanaryIn) || !StringMaps.Same(plan.CanarySelectors, S.CanarySelectors)
            || S.DesiredLabels is null;
        // The labels told change with a generation (the plan issues one when they differ), or are adopted when none were recorded.
        if (plan.Generation != S.Generation || S.DesiredLabels is null)
            S.DesiredLabels = new Dictionary<string, string>(labels, StringComparer.Ordinal);
        if (plan.Generation != S.Generation)
        {
            S.Generation = plan.Generation;
            S.Desired = plan.Desired.ToList();
            S.DesiredAt = time.GetUtcNow();
        }
        S.Memberships = plan.Memberships.ToList();
        S.CanaryIn = plan.CanaryIn.ToList();
        S.CanarySelectors = new Dictionary<string, string>(plan.CanarySelectors, StringComparer.Ordinal);
        S.SnapshotVersion = snapshot.Version;
        if (changed || forceWrite)
            await SaveAsync();

        // Until a fleet.yaml has been accepted nothing is published: an empty desired state would tell
        // agents to prune everything they run.
        if (snapshot.Version == 0 || S.Generation == 0)
            return;
        if (republish || publishedGeneration < S.Generation)
            await PublishDesiredAsync();
    }

    private async Task PublishDesiredAsync()
    {
        var source = sourceOptions.Value;
        var message = new DesiredMessage(
            WireVersion.Current, Id, S.Generation, new SourceRef(source.EffectiveAgentUrl, source.Branch),
            S.Desired, hubOptions.Value.ReconcileIntervalSeconds, S.DesiredAt, S.DesiredLabels);
        try
        {
            await transport.PublishDesiredAsync(message);
            publishedGeneration = S.Generation;
            publishing.Paid();
        }
        catch (Exception e)
        {
            logger.LogWarning("Could not publish desired generation {Generation} to cluster {Cluster} ({Error}); retrying with backoff",
                S.Generation, Id, e.Message);
            publishing.Owe();
        }
    }

    private Task CatchUpDesiredAsync() =>
        S.Registered && S.SnapshotVersion > 0 && publishedGeneration < S.Generation ? PublishDesiredAsync() : Task.CompletedTask;
}
