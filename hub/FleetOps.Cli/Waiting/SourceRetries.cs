using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Waiting;

/// <summary>
/// Across the looks of one wait: how long each member has been Failed with SourceUnavailable. A store retries its
/// fetch, so one such look is no verdict; still so after <see cref="StuckMembers.SourceLooks"/> looks spanning
/// <see cref="StuckMembers.SourceRetries"/>, it has run out its retries and counts as stuck.
/// </summary>
public sealed class SourceRetries
{
    private readonly Dictionary<string, (TimeSpan First, int Looks)> seen = new(StringComparer.Ordinal);

    /// <summary>Records one look at the members and returns those past their retries.</summary>
    public IReadOnlySet<string> Update(IReadOnlyList<GroupMemberView> members, TimeSpan elapsed)
    {
        var failing = members.Where(m => m is { Phase: Phase.Failed, Reason: Reasons.SourceUnavailable }).Select(m => m.ClusterId).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in seen.Keys.Where(id => !failing.Contains(id)).ToList())
            seen.Remove(gone);
        foreach (var id in failing)
            seen[id] = seen.TryGetValue(id, out var s) ? (s.First, s.Looks + 1) : (elapsed, 1);
        return seen.Where(s => s.Value.Looks >= StuckMembers.SourceLooks && elapsed - s.Value.First >= StuckMembers.SourceRetries)
            .Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
    }
}
