using FleetOps.Hub.Grains.Abstractions;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Grains;

internal partial class ClusterGrain
{
    /// <summary>
    /// Leaves every group (they stop counting it, a rollout stops waiting for it), then deletes the state and
    /// the journal: a deregistered cluster is forgotten, not archived, because a later registration of the same
    /// id must not inherit its generation, pins or journal seqs (the new agent's seq 1 would look like an old one).
    /// </summary>
    public async Task<bool> DeregisterAsync()
    {
        if (!S.Registered)
            return false;
        var groups = S.Memberships.Union(lastMembers.Keys).ToList();
        await Task.WhenAll(groups.Select(group => GrainFactory.GetGrain<IGroupGrain>(group)
            .ReportMemberAsync(new MemberReport(Id, group, default, null, null, NextStamp(), Left: true))));
        lastMembers.Clear();
        await journal.DeleteAsync(Id);
        await state.ClearStateAsync();
        stateProblem = null;
        logger.LogInformation("Cluster {Cluster} deregistered: it left {Groups} group(s), its state and journal are deleted", Id, groups.Count);
        DeactivateOnIdle();
        return true;
    }
}
