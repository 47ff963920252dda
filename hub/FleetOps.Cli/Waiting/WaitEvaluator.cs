using FleetOps.Cli.Output;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Waiting;

/// <summary>
/// Decides, from one look at the hub, whether a wait is met. A group's target moves only when its rendered
/// content changes, so a revision that the hub accepted without moving this group is waited for as the
/// group's current target; a revision the hub refused, or that does not render for this group, never arrives.
/// </summary>
public static class WaitEvaluator
{
    public static WaitReport Evaluate(WaitGoal goal, GroupDetail detail, FleetView? fleet, TimeSpan elapsed, RolloutView? rollout = null,
        RevisionView? known = null, IReadOnlySet<string>? sourceGaveUp = null)
    {
        var group = detail.Group;
        var (revision, subject, state, note) = Resolve(goal, group, fleet, known);
        if (rollout is not null && revision is null && state != WaitState.Met && goal.Revision is { } wanted
            && RolloutWaitRules.Earlier(rollout, wanted) is { } earlier)
            (revision, state, note) = earlier;
        // With a rollout, its completion is the goal; a share of converged members is asked for only when given.
        var percent = goal.MinConvergedPercent ?? (rollout is null ? 100 : 0);
        var members = detail.Members.Count;
        var required = Required(members, percent);
        var converged = revision is null ? 0 : detail.Members.Count(m => IsThere(m, revision));
        var holdouts = detail.Members
            .Where(m => revision is null || !IsThere(m, revision))
            .OrderBy(m => MemberOrder.Rank(m.Phase)).ThenBy(m => m.ClusterId, StringComparer.Ordinal)
            .Select(m => rollout is not null && revision is not null && m.DesiredRevision != revision ? RolloutWaitRules.Unreleased(m, revision) : Holdout(m))
            .ToList();
        if (rollout is not null && revision is not null && state == WaitState.Waiting)
        {
            (state, var rolloutNote) = RolloutWaitRules.Decide(rollout, revision, converged, required);
            note = rolloutNote ?? note;
            if (state == WaitState.Stopped)
                holdouts = rollout.Failing.Select(Holdout).ToList();
        }
        else if (rollout is null && state == WaitState.Waiting && revision is not null && converged >= required)
        {
            state = WaitState.Met;
            if (members == 0)
                note = (note is null ? "" : note + "; ") + "the group has no members, so there is nothing to wait for";
        }
        if (state == WaitState.Waiting && revision is not null)
        {
            // Waiting out the timeout for members that will not move without a new commit helps nobody: say so now.
            var stuck = detail.Members.Where(m => StuckMembers.IsStuck(m, revision, sourceGaveUp)).Select(m => m.ClusterId).ToHashSet(StringComparer.Ordinal);
            var reachable = converged + holdouts.Count(h => !stuck.Contains(h.ClusterId));
            if (stuck.Count > 0 && reachable < required)
            {
                state = WaitState.Impossible;
                note = $"{stuck.Count} of {members} members failed at {Revisions.Short(revision)} in a way that will not fix itself "
                    + $"({StuckMembers.Describe(holdouts.Where(h => stuck.Contains(h.ClusterId)))}), so at most {reachable} can converge, not {required}; fix forward with a new commit";
            }
        }
        return new WaitReport(goal.Group, goal.NewestHead ? null : goal.Revision, revision, subject, state, members, converged, required,
            percent, note, holdouts, Math.Round(elapsed.TotalSeconds, 1), rollout is null ? null : WaitRollout.From(rollout));
    }

    /// <summary>
    /// The group is not in the hub's fleet.yaml yet and the revision asked for has not been processed: it may add the
    /// group, so the wait goes on as for any revision on its way.
    /// </summary>
    public static WaitReport NotDefinedYet(WaitGoal goal, FleetView? fleet, TimeSpan elapsed)
    {
        var fetch = fleet?.Errors.FirstOrDefault(e => e.Kind == FleetErrorKinds.Source) is { } error ? $"; its last fetch failed: {error.Message}" : "";
        var note = $"group '{goal.Group}' is not in fleet.yaml at the hub's head yet; the hub has not processed revision {Revisions.Short(goal.Revision)} yet{fetch}";
        return new WaitReport(goal.Group, goal.NewestHead ? null : goal.Revision, null, null, WaitState.Waiting, 0, 0, 0,
            goal.MinConvergedPercent ?? 100, note, [], Math.Round(elapsed.TotalSeconds, 1));
    }

    /// <summary>How many members must converge: the percentage of the members, rounded up, so 95% of 10 is 10, not 9.</summary>
    public static int Required(int members, double percent) =>
        Math.Min(members, (int)Math.Ceiling(members * percent / 100 - 1e-9));

    // The member list's own reason; the command replaces it with a fuller one for the holdouts it looks up.
    private static WaitHoldout Holdout(GroupMemberView member)
    {
        var (reason, message) = MemberNotes.For(member);
        return new WaitHoldout(member.ClusterId, member.Phase, member.AppliedRevision, reason, message);
    }

    private static bool IsThere(GroupMemberView member, string revision) =>
        member.Phase == Phase.Converged && member.AppliedRevision == revision;

    private static (string? Revision, string? Subject, WaitState State, string? Note) Resolve(WaitGoal goal, GroupView group, FleetView? fleet, RevisionView? known)
    {
        var target = group.Target;
        if (goal.Revision is not { } wanted)
            return target is null
                ? (null, null, WaitState.Waiting, $"group '{group.Name}' has no target yet: it has not rendered at any commit")
                : (target.Commit.Sha, target.Commit.Subject, WaitState.Waiting, null);

        if (target is not null && Matches(target.Commit.Sha, wanted))
            return (target.Commit.Sha, target.Commit.Subject, WaitState.Waiting, null);

        var refused = fleet?.Errors.FirstOrDefault(e => e.Commit is not null && Matches(e.Commit, wanted)
            && (e.Kind is FleetErrorKinds.Definition or FleetErrorKinds.UntrustedCommit || e.Kind == FleetErrorKinds.Render && Equals(group.Error, e)));
        if (refused is not null)
            return (null, null, WaitState.Impossible, (goal.NewestHead ? "the newest head, " : "") +
                $"revision {Revisions.Short(refused.Commit)} will not reach group '{group.Name}': {FleetErrorsView.Located(refused)}");

        if (fleet?.Commit is { } accepted && Matches(accepted.Sha, wanted) && target is not null)
            return (target.Commit.Sha, target.Commit.Subject, WaitState.Waiting,
                $"revision {Revisions.Short(accepted.Sha)} does not change what group '{group.Name}' renders; waiting for its target {Revisions.Short(target.Commit.Sha)}");

        // A revision the hub has been past (an older commit): the group either still runs what it rendered then, or moved on.
        if (known is { Processed: true } && target is not null)
            return known.AfterTarget == true
                ? (target.Commit.Sha, target.Commit.Subject, WaitState.Waiting,
                    $"revision {Revisions.Short(known.Commit.Sha)} (processed, not the newest) does not change what group '{group.Name}' renders; waiting for its target {Revisions.Short(target.Commit.Sha)}")
                : (null, null, WaitState.Impossible,
                    $"revision {Revisions.Short(known.Commit.Sha)} was processed long ago and group '{group.Name}' has moved on to {Revisions.Short(target.Commit.Sha)} since; " +
                    $"wait for that instead: fleetops wait --group {group.Name} --revision {Revisions.Short(target.Commit.Sha)}");

        // The hub may be unable to see it at all: then say why, not only that it has not looked yet.
        if (fleet?.Errors.FirstOrDefault(e => e.Kind == FleetErrorKinds.Source) is { } fetch)
            return (null, null, WaitState.Waiting, $"the hub has not processed revision {wanted} yet: its last fetch failed: {fetch.Message}");
        return (null, null, WaitState.Waiting,
            $"the hub has not processed revision {wanted} yet (it polls git; fleetops refresh makes it look now)");
    }

    private static bool Matches(string fullSha, string wanted) =>
        fullSha.StartsWith(wanted, StringComparison.OrdinalIgnoreCase);
}
