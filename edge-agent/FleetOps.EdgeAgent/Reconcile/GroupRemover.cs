using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.Reconcile;

/// <summary>
/// A group gone from the desired state: prune everything it owns, then forget it. Survivors of a failed
/// prune stay in the inventory and are retried.
/// </summary>
public sealed class GroupRemover(IAgentStore store, Pruner pruner, StatusBoard board, ILogger<GroupRemover> logger)
{
    /// <summary>True when the group is fully removed.</summary>
    public async Task<bool> RemoveAsync(string group, CancellationToken cancellationToken)
    {
        var record = store.LoadGroup(group);
        if (record is null)
        {
            board.Remove(group);
            return true;
        }
        var result = await pruner.PruneAsync(group, record.Inventory, cancellationToken).ConfigureAwait(false);
        if (result.ChangeSet.Count(ChangeAction.Deleted) > 0)
            store.Append(JournalEventKinds.Pruned, group, record.AppliedRevision, $"group removed from desired state: {result.ChangeSet.Describe()}");
        if (!result.Succeeded)
        {
            store.SaveGroup(record with { Inventory = result.Survivors });
            logger.LogWarning("Removing {Group}: {Count} objects could not be pruned: {Error}", group, result.Survivors.Count, result.Error);
            return false;
        }
        // Status first: once the record is gone the group is gone for every reader.
        board.Remove(group);
        store.DeleteGroup(group);
        logger.LogInformation("Removed {Group}: {Summary}", group, result.ChangeSet.Summary());
        return true;
    }
}
