using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Fleet;

/// <summary>
/// How a group moves to a new target: an optional <see cref="Canary"/> (and <see cref="ManualApproval"/>
/// after it), then <see cref="Waves"/> over the remaining members, <see cref="Bake"/> between them, at
/// most <see cref="MaxConcurrent"/> members applying at once, halting past <see cref="FailureBudget"/>,
/// and new revisions applied only inside <see cref="Window"/>. The defaults are "everything at once".
/// </summary>
public sealed record RolloutPolicy
{
    private static readonly ValueList<double> AllAtOnce = ValueList<double>.From([100]);

    public CanaryPolicy? Canary { get; init; }

    /// <summary>After the canary, wait for an operator's promote.</summary>
    public bool ManualApproval { get; init; }

    /// <summary>Cumulative percents of the non-canary members, strictly increasing, the last 100.</summary>
    public IReadOnlyList<double> Waves { get; init => field = ValueList<double>.From(value); } = AllAtOnce;

    public TimeSpan Bake { get; init; }

    /// <summary>At most this many members applying at once; null is no limit.</summary>
    public Amount? MaxConcurrent { get; init; }

    /// <summary>Failed or Degraded members at the new revision beyond this halt the rollout.</summary>
    public Amount FailureBudget { get; init; } = Amount.OfCount(0);

    public WindowPolicy? Window { get; init; }
}
