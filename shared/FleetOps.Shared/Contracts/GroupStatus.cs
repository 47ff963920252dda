namespace FleetOps.Shared.Contracts;

/// <summary>One group's state on one cluster. <see cref="Reason"/> is one of <see cref="Reasons"/>.</summary>
public sealed record GroupStatus(
    string Name,
    Phase Phase,
    string Reason,
    string? Message,
    string? DesiredRevision,
    string? AppliedRevision,
    ResourceCounts Resources,
    IReadOnlyList<UnhealthyObject> Unhealthy,
    DateTimeOffset? Since = null)
{
    /// <summary>The agent sends at most this many unhealthy objects; the count says how many there are.</summary>
    public const int MaxUnhealthyListed = 10;
}
