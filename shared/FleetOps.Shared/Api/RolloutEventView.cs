namespace FleetOps.Shared.Api;

/// <summary>
/// One entry of a group's rollout audit: started, wave released or completed, halted (with the failing
/// members), completed, and every operator action with who did it. <see cref="Kind"/> is one of <see cref="RolloutEventKinds"/>.
/// </summary>
public sealed record RolloutEventView(
    DateTimeOffset At,
    string Kind,
    string? Revision,
    int? Wave,
    string? Actor,
    string? Detail,
    string? WaveName = null);
