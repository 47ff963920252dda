using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Output;

/// <summary>Lists lead with what needs attention: failed, degraded, offline, never reported, then on their way, then converged.</summary>
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
