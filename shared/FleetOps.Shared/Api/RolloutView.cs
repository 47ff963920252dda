namespace FleetOps.Shared.Api;

/// <summary>
/// <c>GET /api/v1/groups/{name}/rollout</c>: a group's rollout of <see cref="Revision"/>, wave by wave.
/// <see cref="StableRevision"/> is what unreleased members run (null before a first rollout completed).
/// <see cref="Failing"/> lists members Failed or Degraded at the new revision, first ones first.
/// </summary>
public sealed record RolloutView(
    string Group,
    RolloutPhase Phase,
    string? Revision,
    string? StableRevision,
    DateTimeOffset? StartedAt,
    int Wave,
    IReadOnlyList<RolloutWaveView> Waves,
    int Members,
    int Pinned,
    RolloutBudget Budget,
    RolloutStep? Next,
    IReadOnlyList<GroupMemberView> Failing,
    bool WindowsIgnored,
    IReadOnlyList<RolloutEventView> Events,
    string? Subject = null);
