namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>What became of a message a cluster sent; anything but Accepted is counted as refused.</summary>
internal enum IngestOutcome
{
    Accepted,

    /// <summary>The cluster id is not registered (possible only with an external broker that does its own auth).</summary>
    UnknownCluster,
}
