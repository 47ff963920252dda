namespace FleetOps.Shared.Api;

/// <summary><c>GET /api/v1/clusters/{id}/objects?group=</c>: what each group owns on the store, from its agent's inventory as last reported.</summary>
public sealed record ClusterObjects(string ClusterId, IReadOnlyList<GroupObjects> Groups);
