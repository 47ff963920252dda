using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Waiting;

/// <summary>
/// Members that will not reach the revision without a new commit or someone's hand: Failed at it with a reason that
/// repeating the same apply cannot change (the API refused the objects, another group owns them, it does not render,
/// it is not signed by a key the store trusts), or SourceUnavailable for longer than the store's retries take.
/// </summary>
public static class StuckMembers
{
    /// <summary>A store still without the revision's source after this long, over this many looks, has run out its retries.</summary>
    public static readonly TimeSpan SourceRetries = TimeSpan.FromMinutes(2);

    public const int SourceLooks = 3;

    private static readonly HashSet<string> Permanent = new(StringComparer.Ordinal)
    {
        Reasons.ApplyFailed, Reasons.Conflict, Reasons.RenderFailed, Reasons.UntrustedRevision,
    };

    /// <summary>True when the member is Failed at <paramref name="revision"/> for good; <paramref name="sourceGaveUp"/> names the members past their source retries.</summary>
    public static bool IsStuck(GroupMemberView member, string revision, IReadOnlySet<string>? sourceGaveUp) =>
        member.Phase == Phase.Failed && member.DesiredRevision == revision && member.Reason is { } reason
        && (Permanent.Contains(reason) || reason == Reasons.SourceUnavailable && sourceGaveUp?.Contains(member.ClusterId) == true);

    /// <summary>"2 ApplyFailed, 1 Conflict": the reasons of the stuck members, most frequent first.</summary>
    public static string Describe(IEnumerable<WaitHoldout> stuck) => string.Join(", ", stuck
        .GroupBy(h => h.Reason ?? "-").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Count()} {g.Key}"));
}
