using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Fleet;

/// <summary>
/// The first wave of a rollout: the members a <see cref="Selector"/> matches, or <see cref="Size"/>
/// members (a count or a share of the group), exactly one of the two. Each canary must be Converged
/// for <see cref="Bake"/> before the next wave.
/// </summary>
public sealed record CanaryPolicy(LabelSelector? Selector, Amount? Size, TimeSpan Bake)
{
    public LabelSelector? Selector { get; init; } = (Selector is null) != (Size is null)
        ? Selector
        : throw new ArgumentException("a canary is chosen by a selector or by a size, exactly one of them", nameof(Selector));
}
