using FleetOps.Shared.Contracts;

namespace FleetOps.Shared.Api;

/// <summary>
/// One member of a group: its phase for this group and the revisions it should run and runs.
/// <see cref="Reason"/> and <see cref="Message"/> are what its agent last reported for this group at the
/// current target; null when it has not reported on that target.
/// </summary>
public sealed record GroupMemberView(
    string ClusterId,
    Phase Phase,
    string? DesiredRevision,
    string? AppliedRevision,
    string? Reason = null,
    string? Message = null);
