namespace FleetOps.Shared.Fleet;

/// <summary>Where a group and its path were written in fleet.yaml.</summary>
/// <remarks>
/// Every GroupSource equals every other: adding a comment above a group moves its lines but not what
/// it deploys, so source positions must not make two otherwise equal definitions differ.
/// </remarks>
public sealed class GroupSource(SourceLocation group, SourceLocation path) : IEquatable<GroupSource>
{
    public static GroupSource Unknown { get; } = new(new SourceLocation("", 0, 0), new SourceLocation("", 0, 0));

    /// <summary>The start of the group's entry in the groups list.</summary>
    public SourceLocation Group { get; } = group;

    /// <summary>The group's path value; errors about the path (e.g. it does not exist) point here.</summary>
    public SourceLocation Path { get; } = path;

    public bool Equals(GroupSource? other) => other is not null;

    public override bool Equals(object? obj) => obj is GroupSource;

    public override int GetHashCode() => 0;

    public override string ToString() => Group.ToString();
}
