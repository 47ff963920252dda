using FleetOps.Shared.Api;

namespace FleetOps.Cli.Waiting;

/// <summary>
/// Decides a removal wait from one look: met once the group is out of fleet.yaml and no store holds anything of it; stopped
/// at once when a store says its prune failed (the store retries, but a pipeline should not wait out its timeout on a
/// webhook or a finalizer that will not let go); waiting otherwise, stores that have not started first.
/// </summary>
public static class RemovalEvaluator
{
    public static RemovalWaitReport Evaluate(GroupRemovalView view, TimeSpan elapsed)
    {
        var stores = view.Stores.OrderByDescending(s => s.State == RemovalState.PruneFailed).ThenBy(s => s.State).ThenBy(s => s.ClusterId, StringComparer.Ordinal).ToList();
        var (state, note) = view switch
        {
            { InFleet: true } => (WaitState.Waiting, $"group '{view.Group}' is still in fleet.yaml: commit its removal (the hub takes it at its next poll, or at 'fleetops refresh')"),
            _ when stores.Any(s => s.State == RemovalState.PruneFailed) =>
                (WaitState.Stopped, "a store could not prune what the group owns; it retries with backoff: fix what refuses the delete (a finalizer, a webhook, RBAC) and wait again"),
            { ClustersTold: false } when stores.Count == 0 => (WaitState.Waiting, "the hub is still telling its clusters that the group is gone"),
            _ when stores.Count == 0 => (WaitState.Met, null),
            _ => (WaitState.Waiting, (string?)null),
        };
        return new RemovalWaitReport(view.Group, state, view.InFleet, stores, note, Math.Round(elapsed.TotalSeconds, 1));
    }
}
