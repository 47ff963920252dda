using FleetOps.Shared.Api;
using FleetOps.Shared.Fleet;

namespace FleetOps.Hub.Rollouts;

/// <summary>
/// How a rollout moves, as a script evaluated after every report, tick and operator action: check the
/// failure budget, release what the wave and maxConcurrent allow, and when the wave is complete bake it,
/// wait for approval after the canary, then open the next wave, until the last one completes. Pure: it
/// changes the record and the book and says what to do; the group grain does it.
/// </summary>
internal static class RolloutRules
{
    /// <summary>Failing members named in a halt's audit entry.</summary>
    public const int NamedFailures = 10;

    public static RolloutDecision Evaluate(RolloutRecord rollout, RolloutBook book, DateTimeOffset now)
    {
        var step = new RolloutDecision();
        if (rollout.Phase != RolloutPhase.Progressing)
            return step;
        if (OverBudget(rollout, book))
        {
            Halt(rollout, book, now, step);
            return step;
        }
        // Releasing anyone before the canaries are known could put a store that is not a canary first.
        if (book.Unjudged > 0)
            return step;
        while (true)
        {
            Release(rollout, book, step);
            if (!WaveComplete(rollout, book))
            {
                if (rollout.WaveCompleteSince is not null)
                {
                    // Something released in this wave is applying again (it came back online): bake starts over.
                    rollout.WaveCompleteSince = null;
                    step.Changed = true;
                }
                return step;
            }
            if (rollout.IsLastWave)
            {
                rollout.Phase = RolloutPhase.Completed;
                rollout.WaveCompleteSince = now;
                step.Changed = step.Completed = true;
                step.Note(now, RolloutEventKinds.Completed, rollout, $"{Members(book.ReleasedCanaries + book.ReleasedMain)} released, {book.Failed} failing");
                return step;
            }
            if (rollout.WaveCompleteSince is null)
            {
                rollout.WaveCompleteSince = now;
                step.Changed = true;
                step.Note(now, RolloutEventKinds.WaveCompleted, rollout, $"{WavePlan.Name(rollout, rollout.Wave)} complete; bake {DurationFormat.Short(Bake(rollout, book))}");
            }
            if (now < rollout.WaveCompleteSince + Bake(rollout, book))
                return step;
            if (rollout.IsCanaryWave(rollout.Wave) && rollout.Policy.ManualApproval && !rollout.Approved)
            {
                rollout.Phase = RolloutPhase.WaitingForApproval;
                step.Changed = true;
                step.Note(now, RolloutEventKinds.WaitingForApproval, rollout, "the canary wave is done and baked; promote to go on");
                return step;
            }
            Advance(rollout, book, now, step, "bake done");
        }
    }

    /// <summary>When the current wave's bake ends, if it is baking; for the "next step" of the view and the timer.</summary>
    public static DateTimeOffset? BakeEnds(RolloutRecord rollout, RolloutBook book) =>
        rollout.Phase == RolloutPhase.Progressing && rollout.WaveCompleteSince is { } since && !rollout.IsLastWave ? since + Bake(rollout, book) : null;

    public static TimeSpan Bake(RolloutRecord rollout, RolloutBook book)
    {
        // A wave that released nobody (no canary matched, say) has nothing to bake.
        if (book.InWave(rollout.Wave).Sum() == 0)
            return TimeSpan.Zero;
        return rollout.IsCanaryWave(rollout.Wave) ? rollout.Policy.Canary!.Bake : rollout.Policy.Bake;
    }

    public static (int Allowed, int Used) Budget(RolloutRecord rollout, RolloutBook book) =>
        (rollout.Policy.FailureBudget.Of(book.Members), Math.Max(0, book.Failed - rollout.BudgetOffset));

    public static void Advance(RolloutRecord rollout, RolloutBook book, DateTimeOffset now, RolloutDecision step, string why, string? actor = null)
    {
        rollout.Wave++;
        rollout.WaveCompleteSince = null;
        step.Changed = true;
        step.Note(now, RolloutEventKinds.WaveReleased, rollout,
            $"{WavePlan.Name(rollout, rollout.Wave)} opens ({why}): {Members(WavePlan.Planned(rollout, rollout.Wave, book))}", actor);
    }

    /// <summary>Releases waiting members in order while the wave wants more and maxConcurrent has room.</summary>
    private static void Release(RolloutRecord rollout, RolloutBook book, RolloutDecision step)
    {
        var (canaries, main) = WavePlan.Targets(rollout, rollout.Wave, book);
        var limit = rollout.Policy.MaxConcurrent?.Of(book.Members) ?? int.MaxValue;
        while (book.Holding < limit)
        {
            var next = book.ReleasedCanaries < canaries ? book.NextWaiting(canary: true) : null;
            next ??= book.ReleasedMain < main ? book.NextWaiting(canary: false) : null;
            if (next is null)
                return;
            book.MarkReleasing(next, rollout.Wave);
            step.Releases.Add((next, rollout.Wave));
        }
    }

    private static bool WaveComplete(RolloutRecord rollout, RolloutBook book)
    {
        var (canaries, main) = WavePlan.Targets(rollout, rollout.Wave, book);
        return book.ReleasedCanaries >= canaries && book.ReleasedMain >= main && book.Holding == 0;
    }

    private static bool OverBudget(RolloutRecord rollout, RolloutBook book)
    {
        var (allowed, used) = Budget(rollout, book);
        return used > allowed;
    }

    private static void Halt(RolloutRecord rollout, RolloutBook book, DateTimeOffset now, RolloutDecision step)
    {
        var (allowed, used) = Budget(rollout, book);
        rollout.Phase = RolloutPhase.Halted;
        step.Changed = true;
        var failing = book.Failing(NamedFailures).Select(m => $"{m.ClusterId} ({m.Phase} {m.Reason}{(m.Message is null ? "" : ": " + m.Message)})");
        step.Note(now, RolloutEventKinds.Halted, rollout,
            $"{Members(used)} failing at the new revision, budget {allowed}: {string.Join("; ", failing)}");
    }

    public static string Members(int count) => count == 1 ? "1 member" : $"{count} members";
}
