using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Waiting;

/// <summary>A member that is not Converged at the awaited revision, with what its agent last said.</summary>
public sealed record WaitHoldout(string ClusterId, Phase Phase, string? AppliedRevision, string? Reason, string? Message);
