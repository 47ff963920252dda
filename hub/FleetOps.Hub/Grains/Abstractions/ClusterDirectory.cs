using System.Text;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>Which directory shard holds a cluster: a stable hash, the same in every process and silo.</summary>
internal static class ClusterDirectory
{
    public const int ShardCount = 16;

    public static int ShardOf(string clusterId)
    {
        // FNV-1a: string.GetHashCode is randomized per process, and shards must agree across restarts.
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(clusterId))
            hash = (hash ^ b) * 16777619u;
        return (int)(hash % ShardCount);
    }

    public static IClusterDirectoryGrain For(IGrainFactory grains, string clusterId) =>
        grains.GetGrain<IClusterDirectoryGrain>(ShardOf(clusterId));

    public static IEnumerable<IClusterDirectoryGrain> All(IGrainFactory grains) =>
        Enumerable.Range(0, ShardCount).Select(shard => grains.GetGrain<IClusterDirectoryGrain>(shard));
}
