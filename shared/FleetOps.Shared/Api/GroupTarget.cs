namespace FleetOps.Shared.Api;

/// <summary>
/// What a group's members should run: <see cref="Path"/> at <see cref="Commit"/>, whose rendered content
/// has <see cref="Digest"/>. <see cref="Since"/> is when the target last moved (its digest or path changed);
/// a commit that leaves the rendered content alone does not move it.
/// </summary>
public sealed record GroupTarget(CommitInfo Commit, string Path, string Digest, int Objects, DateTimeOffset Since);
