using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Reconcile;

/// <summary>
/// How a group is reported while the agent cannot write its data dir. The store still enforces what it applied, but
/// keeps its records only in memory: a restart now would lose them, so no group is reported as simply Converged.
/// Every group says <see cref="Reasons.StorageUnavailable"/> (older hubs show the reason as it is) at Degraded, or
/// worse when the group itself is worse, with what the group would otherwise report kept in the message.
/// </summary>
public static class StorageFaultStatus
{
    public static GroupStatus Apply(GroupStatus status, StorageFault fault)
    {
        var phase = PhaseRollup.Severity(status.Phase) > PhaseRollup.Severity(Phase.Degraded) ? status.Phase : Phase.Degraded;
        var own = status.Reason == Reasons.ReconciliationSucceeded ? "" : $"; the group itself: {status.Phase} {status.Reason}{(status.Message is null ? "" : $": {status.Message}")}";
        var message = $"the agent cannot write its data dir since {fault.Since:yyyy-MM-dd HH:mm:ss}Z ({fault.Error}); it keeps enforcing " +
            $"{Revisions.Short(status.AppliedRevision)} from memory and holds its journal until it can write again{own}";
        return status with { Phase = phase, Reason = Reasons.StorageUnavailable, Message = message, Since = fault.Since };
    }
}
