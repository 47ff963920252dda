namespace FleetOps.Shared.Api;

/// <summary>
/// Body of <c>POST /api/v1/clusters/{id}/pins</c>: hold the cluster's <see cref="Group"/> at <see cref="Revision"/>
/// (a sha or its prefix, one of the group's recent targets; null: what it is told to run now), outside waves and budgets.
/// </summary>
public sealed record PinRequest(string Group, string? Revision = null, string? Actor = null);
