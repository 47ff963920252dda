using FleetOps.Shared.Api;

namespace FleetOps.Hub.Rollouts;

/// <summary>
/// What an operator can do to a rollout, each allowed only where it means something; a refusal says what
/// to do instead. Pure, like <see cref="RolloutRules"/>: the group grain records, persists and carries out.
/// </summary>
internal static class RolloutActions
{
    public static string? Pause(RolloutRecord rollout, DateTimeOffset now, string actor, RolloutDecision step)
    {
        if (rollout.Phase is not (RolloutPhase.Progressing or RolloutPhase.WaitingForApproval))
            return $"the rollout is {rollout.Phase}; only a Progressing rollout (or one waiting for approval) can be paused";
        rollout.Phase = RolloutPhase.Paused;
        rollout.PausedBy = actor;
        step.Changed = true;
        step.Note(now, RolloutEventKinds.Paused, rollout, "nothing more is released until resume", actor);
        return null;
    }

    /// <summary>Paused: go on. Halted: go on, counting failures from now. Aborted: start again from the first wave.</summary>
    public static string? Resume(RolloutRecord rollout, RolloutBook book, DateTimeOffset now, string actor, RolloutDecision step)
    {
        switch (rollout.Phase)
        {
            case RolloutPhase.Paused:
                step.Note(now, RolloutEventKinds.Resumed, rollout, null, actor);
                break;
            case RolloutPhase.Halted:
                rollout.BudgetOffset = book.Failed;
                step.Note(now, RolloutEventKinds.Resumed, rollout, $"accepting {RolloutRules.Members(book.Failed)} failing; the budget counts from here", actor);
                break;
            case RolloutPhase.Aborted:
                rollout.Wave = 0;
                rollout.WaveCompleteSince = null;
                rollout.Approved = rollout.ReleaseAll = false;
                rollout.BudgetOffset = 0;
                step.Note(now, RolloutEventKinds.Resumed, rollout, "starting again from the first wave", actor);
                break;
            default:
                return $"the rollout is {rollout.Phase}; resume applies to a Paused, Halted or Aborted rollout";
        }
        rollout.Phase = RolloutPhase.Progressing;
        rollout.PausedBy = null;
        step.Changed = true;
        return null;
    }

    /// <summary>Skips the bake or the approval and opens the next wave; <paramref name="all"/> releases every member; <paramref name="now"/> ignores windows.</summary>
    public static string? Promote(RolloutRecord rollout, RolloutBook book, bool all, bool now, DateTimeOffset at, string actor, RolloutDecision step)
    {
        if (rollout.Phase is RolloutPhase.Paused)
            return "the rollout is Paused; resume it first";
        if (rollout.Phase is RolloutPhase.Halted)
            return "the rollout is Halted; resume it (accepting the failures) or fix forward with a new commit";
        if (rollout.Phase is RolloutPhase.Aborted)
            return "the rollout was aborted; resume starts it again from the first wave";
        if (rollout.Phase is RolloutPhase.Completed && !now)
            return "the rollout is Completed: every member was released (--now still lets members outside their window apply)";
        if (now && !rollout.IgnoreWindows)
        {
            rollout.IgnoreWindows = true;
            step.Changed = true;
        }
        if (rollout.Phase is RolloutPhase.Completed)
        {
            step.Note(at, RolloutEventKinds.Promoted, rollout, "windows ignored for this revision", actor);
            return null;
        }
        if (rollout.Phase == RolloutPhase.WaitingForApproval)
        {
            rollout.Approved = true;
            rollout.Phase = RolloutPhase.Progressing;
        }
        if (all)
        {
            rollout.ReleaseAll = true;
            rollout.Wave = rollout.WaveCount - 1;
            rollout.WaveCompleteSince = null;
            step.Changed = true;
        }
        else if (!rollout.IsLastWave)
            RolloutRules.Advance(rollout, book, at, step, "promoted", actor);
        var what = string.Join(", ", new[] { all ? "every member released" : null, now ? "windows ignored" : null }.Where(w => w is not null));
        step.Note(at, RolloutEventKinds.Promoted, rollout, what.Length == 0 ? $"{WavePlan.Name(rollout, rollout.Wave)} opened" : what, actor);
        return null;
    }

    public static string? Abort(RolloutRecord rollout, bool hasStable, DateTimeOffset now, string actor, RolloutDecision step)
    {
        if (rollout.Phase is RolloutPhase.Completed or RolloutPhase.Aborted)
            return $"the rollout is already {rollout.Phase}";
        if (!hasStable)
            return "the group has no stable revision to go back to (its first rollout never completed): pause it, or fix forward with a new commit";
        rollout.Phase = RolloutPhase.Aborted;
        rollout.WaveCompleteSince = null;
        step.Changed = true;
        step.Note(now, RolloutEventKinds.Aborted, rollout, "released members go back to the stable revision", actor);
        return null;
    }
}
