using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Waiting;

/// <summary>
/// How a wait decides for a group that rolls out progressively. The goal is the group's rollout of the revision
/// Completed (with <c>--min-converged</c>, also that share of the members Converged at it: offline members never
/// hold a rollout, so by default they do not hold the wait either). A Halted or Aborted rollout goes on only when
/// someone acts, so it ends the wait at once, naming the failing members and what to do.
/// </summary>
public static class RolloutWaitRules
{
    /// <summary>The state and note for revision <paramref name="revision"/> (full sha) as the group's rollout stands.</summary>
    public static (WaitState State, string? Note) Decide(RolloutView rollout, string revision, int converged, int required)
    {
        var enough = converged >= required;
        if (rollout.Revision == revision)
            return rollout.Phase switch
            {
                RolloutPhase.Halted or RolloutPhase.Aborted => (WaitState.Stopped, rollout.Next?.Description),
                RolloutPhase.Completed when enough => (WaitState.Met, null),
                RolloutPhase.Completed => (WaitState.Waiting, $"the rollout completed; waiting for {required} members converged at {Revisions.Short(revision)}"),
                RolloutPhase.Paused or RolloutPhase.WaitingForApproval => (WaitState.Waiting, rollout.Next?.Description),
                _ => (WaitState.Waiting, null),
            };
        if (rollout.StableRevision == revision)
            return enough
                ? (WaitState.Met, $"{Revisions.Short(revision)} is the group's stable revision")
                : (WaitState.Waiting, $"{Revisions.Short(revision)} is the group's stable revision; waiting for {required} members converged at it");
        return (WaitState.Waiting, $"the rollout of {Revisions.Short(revision)} has not started yet" +
            (rollout.Revision is null ? "" : $" (the group's rollout is of {Revisions.Short(rollout.Revision)})"));
    }

    /// <summary>
    /// A revision that is no longer the group's target, found in the rollout's latest events: its rollout completed
    /// (the wait is met), or a newer target superseded it first (it never completes: wait for the newer one).
    /// </summary>
    public static (string Revision, WaitState State, string Note)? Earlier(RolloutView rollout, string wanted)
    {
        var last = rollout.Events.LastOrDefault(e => e.Revision is not null && e.Revision.StartsWith(wanted, StringComparison.OrdinalIgnoreCase)
            && e.Kind is RolloutEventKinds.Completed or RolloutEventKinds.Superseded);
        if (last is null)
            return null;
        var revision = last.Revision!;
        if (last.Kind == RolloutEventKinds.Completed)
            return (revision, WaitState.Met, $"the rollout of {Revisions.Short(revision)} completed; the group has moved on to {Revisions.Short(rollout.Revision)} since");
        var newer = rollout.Revision is { } r ? $"; wait for it instead: fleetops wait --group {rollout.Group} --revision {Revisions.Short(r)}" : "";
        return (revision, WaitState.Impossible,
            $"the rollout of {Revisions.Short(revision)} was superseded by {Revisions.Short(rollout.Revision)} before it completed, so it never will{newer}");
    }

    /// <summary>A member not released the revision yet (or pinned) says so instead of its phase at another revision.</summary>
    public static WaitHoldout Unreleased(GroupMemberView member, string revision) => new(member.ClusterId, member.Phase, member.AppliedRevision, "-",
        $"not released {Revisions.Short(revision)} yet (or pinned): told {Revisions.Short(member.DesiredRevision)}");
}
