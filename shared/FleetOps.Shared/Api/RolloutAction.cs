namespace FleetOps.Shared.Api;

/// <summary>
/// Body of <c>POST /api/v1/groups/{name}/rollout/{pause|resume|promote|abort}</c>. <see cref="Actor"/> is who
/// asked (the CLI sends user@host); <see cref="All"/> and <see cref="Now"/> apply to promote only.
/// </summary>
public sealed record RolloutAction(string? Actor = null, bool All = false, bool Now = false);
