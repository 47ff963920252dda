namespace FleetOps.Shared.Api;

/// <summary><c>GET /api/v1/groups/{name}</c>: the group and its members, ordered by cluster id.</summary>
public sealed record GroupDetail(GroupView Group, IReadOnlyList<GroupMemberView> Members);
