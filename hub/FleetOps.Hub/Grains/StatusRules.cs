using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Grains;

/// <summary>How the hub compares an agent's status messages.</summary>
internal static class StatusRules
{
    /// <summary>The same report sent again (an idle agent's heartbeat): everything but the agent's time is equal.</summary>
    public static bool SameExceptTime(StatusMessage a, StatusMessage b) =>
        a.Generation == b.Generation && a.Groups.Count == b.Groups.Count && a.Groups.Zip(b.Groups).All(p => Same(p.First, p.Second));

    private static bool Same(GroupStatus a, GroupStatus b) =>
        a.Name == b.Name && a.Phase == b.Phase && a.Reason == b.Reason && a.Message == b.Message && a.DesiredRevision == b.DesiredRevision
        && a.AppliedRevision == b.AppliedRevision && a.Resources == b.Resources && a.Since == b.Since && a.Unhealthy.SequenceEqual(b.Unhealthy);
}
