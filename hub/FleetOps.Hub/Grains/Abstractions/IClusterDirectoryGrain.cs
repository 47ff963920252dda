using FleetOps.Shared.Api;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// One shard of the registry of clusters (key: 0..<see cref="ClusterDirectory.ShardCount"/>-1): the
/// registered ids with their token hashes (persisted), and each cluster's latest report (in memory,
/// rebuilt as clusters resume). Sharded so registration writes and queries stay small at 10,000 clusters.
/// </summary>
internal interface IClusterDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>False when the id is already registered.</summary>
    Task<bool> RegisterAsync(string clusterId, string tokenHash, DateTimeOffset at);

    /// <summary>Forgets a registration: its token no longer verifies and it is no longer listed (deregistration, or undoing one whose cluster could not be initialized).</summary>
    Task UnregisterAsync(string clusterId);

    /// <summary>False when the id is not registered.</summary>
    Task<bool> ReplaceTokenAsync(string clusterId, string tokenHash);

    [ReadOnly]
    Task<bool> VerifyTokenAsync(string clusterId, string tokenHash);

    [ReadOnly]
    Task<bool> IsRegisteredAsync(string clusterId);

    [ReadOnly]
    Task<IReadOnlyList<string>> GetIdsAsync();

    /// <summary>A cluster's latest; an older one (by stamp) than what the shard holds is ignored.</summary>
    Task ReportAsync(ClusterReport report);

    /// <summary>Wrapped in Immutable&lt;T&gt; so thousands of rows are handed over, not deep-copied.</summary>
    [ReadOnly]
    Task<Immutable<IReadOnlyList<ClusterSummary>>> QueryAsync(ClusterQuery query);

    [ReadOnly]
    Task<PhaseCounts> CountAsync();

    /// <summary>The newest snapshot every cluster of this shard has taken (and reported to its groups).</summary>
    [AlwaysInterleave]
    Task<long> GetAppliedVersionAsync();

    /// <summary>On hub start, once every cluster resumed at <paramref name="version"/>: they all hold it.</summary>
    Task MarkAppliedAsync(long version);

    [ReadOnly]
    Task<IReadOnlyList<MemberReport>> GetGroupMembersAsync(string group);

    /// <summary>The clusters whose agents still hold a group they no longer belong to (only <paramref name="group"/>, when given).</summary>
    [ReadOnly]
    Task<Immutable<IReadOnlyList<LeavingMember>>> GetLeavingAsync(string? group);

    /// <summary>
    /// Takes a new fleet snapshot and returns at once; the shard then brings each of its clusters up to it,
    /// retrying with backoff those that fail. Each cluster decides whether its desired state changes.
    /// </summary>
    Task BroadcastAsync(FleetSnapshot snapshot);
}
