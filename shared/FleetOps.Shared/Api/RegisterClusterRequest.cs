namespace FleetOps.Shared.Api;

/// <summary><c>POST /api/v1/clusters</c>: a cluster id (a DNS label) and its initial labels; the agent's hello updates them later.</summary>
public sealed record RegisterClusterRequest(string Id, IReadOnlyDictionary<string, string>? Labels);
