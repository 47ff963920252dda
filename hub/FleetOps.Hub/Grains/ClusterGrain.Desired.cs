using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Grains;

public sealed partial class ClusterGrain
{
    // Volatile on purpose: after a restart nothing counts as published, so resuming republishes.
    private long publishedGeneration = -1;

    /// <summary>
    /// Works out memberships and desired groups from the snapshot and the labels; a new generation is
    /// issued only when the desired groups change, and it is persisted before it is published.
    /// </summary>
    private async Task ReconcileDesiredAsync(FleetSnapshot snapshot, bool republish, bool forceNewGeneration = false, bool forceWrite = false)
    {
        if (snapshot.Version < S.SnapshotVersion)
            snapshot = await Fleet.GetSnapshotAsync();
        var matching = snapshot.Groups.Where(g => selectors.Matches(g.Selector, S.Labels)).ToList();
        var memberships = matching.Select(g => g.Name).Order(StringComparer.Ordinal).ToList();
        var desired = matching
            .Where(g => g.Revision is not null && g.Digest is not null)
            .Select(g => new DesiredGroup(g.Name, g.Path, g.Revision!, g.Digest!))
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .ToList();

        var desiredChanged = !desired.SequenceEqual(S.Desired);
        var changed = desiredChanged || forceNewGeneration || !memberships.SequenceEqual(S.Memberships) || snapshot.Version != S.SnapshotVersion;
        if (desiredChanged || forceNewGeneration)
        {
            S.Generation = Math.Max(S.Generation, S.AgentGeneration) + 1;
            S.Desired = desired;
            S.DesiredAt = time.GetUtcNow();
        }
        S.Memberships = memberships;
        S.SnapshotVersion = snapshot.Version;
        if (changed || forceWrite)
            await SaveAsync();

        // Until a fleet.yaml has been accepted nothing is published: an empty desired state would tell
        // agents to prune everything they run.
        if (snapshot.Version == 0 || S.Generation == 0)
            return;
        if (desiredChanged || forceNewGeneration || republish || publishedGeneration < S.Generation)
            await PublishDesiredAsync();
    }

    private async Task PublishDesiredAsync()
    {
        var source = sourceOptions.Value;
        var message = new DesiredMessage(
            WireVersion.Current, Id, S.Generation, new SourceRef(source.EffectiveAgentUrl, source.Branch),
            S.Desired, hubOptions.Value.ReconcileIntervalSeconds, S.DesiredAt);
        try
        {
            await publisher.PublishDesiredAsync(message);
            publishedGeneration = S.Generation;
        }
        catch (Exception e)
        {
            // Stays unpublished; the next hello, snapshot or bridge reconnect publishes it again.
            logger.LogWarning(e, "Could not publish desired generation {Generation} to cluster {Cluster}", S.Generation, Id);
        }
    }
}
