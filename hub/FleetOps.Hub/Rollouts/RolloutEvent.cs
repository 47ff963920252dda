using FleetOps.Shared.Api;

namespace FleetOps.Hub.Rollouts;

/// <summary>One entry of a group's rollout audit (kinds: <see cref="RolloutEventKinds"/>), kept with the group.</summary>
[GenerateSerializer, Immutable]
internal sealed record RolloutEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? Revision,
    [property: Id(3)] int? Wave,
    [property: Id(4)] string? Actor,
    [property: Id(5)] string? Detail,
    [property: Id(6)] string? WaveName = null)
{
    public RolloutEventView ToView() => new(At, Kind, Revision, Wave, Actor, Detail, WaveName);
}
