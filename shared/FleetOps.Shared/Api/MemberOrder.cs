using FleetOps.Shared.Contracts;

namespace FleetOps.Shared.Api;

/// <summary>
/// Lists lead with what needs attention: failed, degraded, offline, never reported, then on their way, then converged.
/// One order for the CLI and the web view, so an operator reads the same list in both.
/// </summary>
public static class MemberOrder
{
    public static int Rank(Phase phase) => phase switch
    {
        Phase.Failed => 0,
        Phase.Degraded => 1,
        Phase.Offline => 2,
        Phase.Unknown => 3,
        Phase.Progressing => 4,
        Phase.Pending => 5,
        _ => 6,
    };
}
