namespace FleetOps.Hub.Rollouts;

/// <summary>Where a member stands in the rollout of its group's newest target.</summary>
internal enum MemberStanding
{
    /// <summary>Not released yet: it runs the stable revision (or an older release).</summary>
    Waiting,

    /// <summary>Released and on its way: holds the wave and takes a maxConcurrent slot.</summary>
    Applying,

    /// <summary>Released but outside its store-hours window: holds the wave until its window opens.</summary>
    OutsideWindow,

    /// <summary>Converged at the new revision.</summary>
    Converged,

    /// <summary>Failed or Degraded at the new revision: counts against the failure budget, holds nothing.</summary>
    Failed,

    /// <summary>Released while offline (or went offline since): never holds a wave; it takes the revision when it returns.</summary>
    Offline,

    /// <summary>Held at a revision by an operator: outside waves and budgets.</summary>
    Pinned,
}
