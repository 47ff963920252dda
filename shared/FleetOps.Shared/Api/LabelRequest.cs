namespace FleetOps.Shared.Api;

/// <summary>
/// Body of <c>POST /api/v1/clusters/{id}/labels</c> (<c>fleetops label ID k=v k-</c>): registry labels to set and keys to
/// remove, in one change. <see cref="Actor"/> names who asked, for the hub's record.
/// </summary>
public sealed record LabelRequest(
    IReadOnlyDictionary<string, string>? Set,
    IReadOnlyList<string>? Remove,
    string? Actor = null);
