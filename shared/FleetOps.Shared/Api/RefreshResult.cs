namespace FleetOps.Shared.Api;

/// <summary>
/// <c>POST /api/v1/refresh</c>: the outcome of the poll it triggered. <see cref="Head"/> is the branch
/// head seen; <see cref="Processed"/> is false when it had already been processed; <see cref="MovedGroups"/>
/// names the groups whose target moved. <see cref="RefusedGroups"/> names the groups the head does not reach: every
/// group when the head itself was refused (fleet.yaml, signature), else those that did not render at it (null from a
/// hub older than this field).
/// </summary>
public sealed record RefreshResult(
    string? Head,
    bool Processed,
    IReadOnlyList<string> MovedGroups,
    IReadOnlyList<FleetError> Errors,
    IReadOnlyList<string>? RefusedGroups = null);
