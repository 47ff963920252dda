namespace FleetOps.Shared.Api;

/// <summary><c>POST /api/v1/clusters</c>: a cluster id (a DNS label) and its registry labels, which decide its groups (<c>POST /api/v1/clusters/{id}/labels</c> changes them; what the agent reports does not).</summary>
public sealed record RegisterClusterRequest(string Id, IReadOnlyDictionary<string, string>? Labels);
