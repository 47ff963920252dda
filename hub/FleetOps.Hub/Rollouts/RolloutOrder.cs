namespace FleetOps.Hub.Rollouts;

/// <summary>
/// The order in which members are released: a stable 64-bit hash of the cluster id (FNV-1a), the same in
/// every process and for every group, so the same stores go early every time and operators know them.
/// </summary>
internal static class RolloutOrder
{
    public static ulong Of(string clusterId)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in clusterId)
        {
            hash = (hash ^ (byte)c) * 1099511628211UL;
            hash = (hash ^ (byte)(c >> 8)) * 1099511628211UL;
        }
        return hash;
    }
}
