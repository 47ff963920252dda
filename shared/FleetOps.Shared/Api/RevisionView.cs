namespace FleetOps.Shared.Api;

/// <summary>
/// <c>GET /api/v1/revisions/{sha}</c>: a commit of the fleet-config branch as the hub's mirror knows it.
/// <see cref="Processed"/> is true when it is the newest head the hub looked at or an ancestor of it: the hub has
/// been past it, so waiting for the hub to process it would wait for nothing. <see cref="AfterTarget"/> answers
/// <c>?target=SHA</c>: true when that commit is this one or an ancestor of it (the target is not newer than this
/// revision), null when not asked or not known.
/// </summary>
public sealed record RevisionView(CommitInfo Commit, bool Processed, string? Head, bool? AfterTarget = null);
