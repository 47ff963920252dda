namespace FleetOps.Shared.Api;

/// <summary>A page of clusters ordered by id; <see cref="Total"/> counts every match, not just this page.</summary>
public sealed record ClusterPage(IReadOnlyList<ClusterSummary> Items, int Page, int PageSize, int Total);
