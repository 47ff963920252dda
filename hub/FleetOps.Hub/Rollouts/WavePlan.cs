namespace FleetOps.Hub.Rollouts;

/// <summary>
/// How many members a wave has released once it is done, counted now: the canaries (by selector, or the
/// first N or P% in release order), then each wave's cumulative share of the remaining members. Counted
/// afresh each time, so a store that joins mid-rollout is released when its place in the order comes up.
/// </summary>
internal static class WavePlan
{
    /// <summary>Released canaries and other members wave <paramref name="wave"/> ends with.</summary>
    public static (int Canaries, int Main) Targets(RolloutRecord rollout, int wave, RolloutBook book)
    {
        var policy = rollout.Policy;
        if (rollout.ReleaseAll)
            return (book.Canaries, book.Main);
        var canarySize = policy.Canary?.Size is { } size ? Math.Min(book.Main, size.Of(book.Main)) : 0;
        var selectorCanaries = policy.Canary?.Selector is not null ? book.Canaries : 0;
        if (rollout.IsCanaryWave(wave))
            return (selectorCanaries, canarySize);
        var percent = policy.Waves[wave - (policy.Canary is null ? 0 : 1)];
        return (selectorCanaries, canarySize + Share(percent, book.Main - canarySize));
    }

    /// <summary>How many members the wave itself releases (its targets less the previous wave's).</summary>
    public static int Planned(RolloutRecord rollout, int wave, RolloutBook book)
    {
        var (canaries, main) = Targets(rollout, wave, book);
        if (wave == 0 || rollout.ReleaseAll)
            return canaries + main;
        var (previousCanaries, previousMain) = Targets(rollout, wave - 1, book);
        return canaries + main - previousCanaries - previousMain;
    }

    public static string Name(RolloutRecord rollout, int wave) =>
        rollout.IsCanaryWave(wave) ? "canary" : $"wave {wave + (rollout.Policy.Canary is null ? 1 : 0)}";

    /// <summary>A share of <paramref name="members"/>, rounded up so that 10% of 5 is one store, never none.</summary>
    public static int Share(double percent, int members) =>
        percent >= 100 ? members : Math.Min(members, (int)Math.Ceiling(percent * members / 100 - 1e-9));
}
