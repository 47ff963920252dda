namespace FleetOps.Cli.Waiting;

/// <summary>Where a wait stands after one look at the hub.</summary>
public enum WaitState
{
    /// <summary>Enough members are Converged at the revision.</summary>
    Met,

    /// <summary>Not yet; worth looking again.</summary>
    Waiting,

    /// <summary>Cannot happen without another commit: the revision was refused or does not render for this group.</summary>
    Impossible,
}
