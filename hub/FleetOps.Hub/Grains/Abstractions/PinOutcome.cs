namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>What became of a pin or unpin asked of a cluster.</summary>
internal enum PinOutcome
{
    Done,
    NotRegistered,

    /// <summary>The cluster is not a member of the group (its selector does not match the cluster's labels).</summary>
    NotMember,

    /// <summary>Unpin of a group the cluster is not pinned in.</summary>
    NotPinned,
}
