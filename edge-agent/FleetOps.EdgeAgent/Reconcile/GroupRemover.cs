using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.Reconcile;

/// <summary>
/// A group gone from the desired state: prune everything it owns, then forget it. Survivors of a failed
/// prune stay in the inventory and are retried. Until the group is forgotten its status says so
/// (Progressing/Removing, or Failed/PruneFailed naming why), so the hub can tell "removed here" from "still here".
/// </summary>
public sealed class GroupRemover(IAgentStore store, Pruner pruner, StatusBoard board, TimeProvider time, ILogger<GroupRemover> logger)
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
        if (board.Get(group) is not { Reason: Reasons.PruneFailed })
            Report(record, Phase.Progressing, Reasons.Removing, $"left the desired state: pruning {record.Inventory.Count} objects");
        var result = await pruner.PruneAsync(group, record.Inventory, cancellationToken).ConfigureAwait(false);
        if (result.ChangeSet.Count(ChangeAction.Deleted) > 0)
            store.Append(JournalEventKinds.Pruned, group, record.AppliedRevision, $"group removed from desired state: {result.ChangeSet.Describe()}");
        if (!result.Succeeded)
        {
            record = record with { Inventory = result.Survivors };
            record = record with { Status = Report(record, Phase.Failed, Reasons.PruneFailed, $"left the desired state, but {result.Survivors.Count} objects could not be pruned: {result.Error}") };
            store.SaveGroup(record);
            logger.LogWarning("Removing {Group}: {Count} objects could not be pruned: {Error}", group, result.Survivors.Count, result.Error);
            return false;
        }
        // Status first: once the record is gone the group is gone for every reader.
        board.Remove(group);
        store.DeleteGroup(group);
        logger.LogInformation("Removed {Group}: {Summary}", group, result.ChangeSet.Summary());
        return true;
    }

    private GroupStatus Report(GroupRecord record, Phase phase, string reason, string message)
    {
        var previous = board.Get(record.Name);
        var status = new GroupStatus(record.Name, phase, reason, message, null, record.AppliedRevision, new ResourceCounts(record.Inventory.Count, 0), [],
            previous is not null && previous.Phase == phase && previous.Reason == reason ? previous.Since : time.GetUtcNow());
        board.UpdateInventory(GroupInventories.Of(record.Name, record.Inventory, null, board.GetInventory(record.Name)));
        board.Update(status);
        return status;
    }
}
