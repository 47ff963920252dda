namespace FleetOps.Shared.Api;

/// <summary>
/// <c>POST /api/v1/refresh</c>: the outcome of the poll it triggered. <see cref="Head"/> is the branch
/// head seen; <see cref="Processed"/> is false when it had already been processed; <see cref="MovedGroups"/>
/// names the groups whose target moved.
/// </summary>
public sealed record RefreshResult(
    string? Head,
    bool Processed,
    IReadOnlyList<string> MovedGroups,
    IReadOnlyList<FleetError> Errors);
