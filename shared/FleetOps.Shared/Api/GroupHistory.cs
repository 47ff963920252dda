namespace FleetOps.Shared.Api;

/// <summary><c>GET /api/v1/groups/{name}/history</c>: the group's rollout audit, oldest first.</summary>
public sealed record GroupHistory(string Group, IReadOnlyList<RolloutEventView> Events);
