namespace FleetOps.Shared.Api;

/// <summary>Where a store stands in removing a group it no longer belongs to.</summary>
public enum RemovalState
{
    /// <summary>The store still reports the group as it ran it: it has not been told yet, or has not started (offline, say).</summary>
    Waiting,

    /// <summary>The store is pruning the group's objects.</summary>
    Pruning,

    /// <summary>The store could not prune some of them (it retries with backoff); the message says which and why.</summary>
    PruneFailed,
}
