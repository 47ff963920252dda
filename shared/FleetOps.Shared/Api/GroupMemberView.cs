using FleetOps.Shared.Contracts;

namespace FleetOps.Shared.Api;

/// <summary>One member of a group: its phase for this group and the revisions it should run and runs.</summary>
public sealed record GroupMemberView(string ClusterId, Phase Phase, string? DesiredRevision, string? AppliedRevision);
