using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Api;

namespace FleetOps.Hub.Source;

/// <summary>
/// Which groups the newest head does not reach, and what that head is. A head refused whole (fleet.yaml, an untrusted
/// signature) reaches no group; an accepted one misses the groups that did not render at it. Refresh, the fleet view and
/// <c>wait</c> all answer from this one rule.
/// </summary>
internal static class HeadRefusals
{
    /// <summary>The newest head looked at: an untrusted one is not taken as processed (it is checked again each poll) but is the newest all the same.</summary>
    public static string? Head(FleetStatus status) =>
        status.Errors.FirstOrDefault(e => e.Kind == FleetErrorKinds.UntrustedCommit)?.Commit ?? status.LastHead;

    public static IReadOnlyList<string> Groups(FleetStatus status, string? head)
    {
        if (head is null)
            return [];
        if (status.Errors.Any(e => e.Commit == head && e.Kind is FleetErrorKinds.Definition or FleetErrorKinds.UntrustedCommit))
            return status.Groups.Select(g => g.Name).ToList();
        return status.Groups.Where(g => g.Error?.Commit == head).Select(g => g.Name).ToList();
    }
}
