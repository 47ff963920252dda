namespace FleetOps.Cli.Waiting;

/// <summary>Where a wait stands after one look at the hub.</summary>
public enum WaitState
{
    /// <summary>Enough members are Converged at the revision (or, for a group with a rollout, its rollout completed).</summary>
    Met,

    /// <summary>Not yet; worth looking again.</summary>
    Waiting,

    /// <summary>Cannot happen without another commit: the revision was refused, does not render for this group, or its rollout was superseded.</summary>
    Impossible,

    /// <summary>The group's rollout of the revision is Halted or Aborted: it goes on only when an operator acts (or a new commit fixes forward).</summary>
    Stopped,
}
