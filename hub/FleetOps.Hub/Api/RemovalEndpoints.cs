using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Api;
using FleetOps.Shared.Fleet;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetOps.Hub.Api;

/// <summary>
/// <c>GET /api/v1/groups/{name}/removal</c>: which stores still hold a group they no longer belong to, and how far their
/// prune got, from the directory shards (one call each). A name that is neither in fleet.yaml nor among the groups
/// removed from it is 404, so a typo is never "removed everywhere".
/// </summary>
internal static class RemovalEndpoints
{
    public static async Task<Results<Ok<GroupRemovalView>, ProblemHttpResult>> Get(string name, IGrainFactory grains)
    {
        var status = await grains.GetGrain<IFleetGrain>(IFleetGrain.Key).GetStatusAsync();
        var inFleet = status.Groups.Any(g => g.Name == name);
        var members = await LeavingAsync(grains, name);
        if (!inFleet && members.Count == 0 && (status.Removed ?? []).All(r => r.Name != name))
        {
            var known = status.Groups.Select(g => g.Name).Concat((status.Removed ?? []).Select(r => r.Name));
            return Problems.NotFound("Group not found", $"there is no group '{name}' in fleet.yaml, and none of that name was removed from it", DidYouMean.Closest(name, known));
        }
        return TypedResults.Ok(new GroupRemovalView(name, inFleet,
            members.Select(m => m.Member).OrderBy(m => m.ClusterId, StringComparer.Ordinal).ToList(), await ToldAsync(grains, status, name)));
    }

    // Every shard has brought its clusters up to the snapshot that left the group out, so each knows it is leaving.
    private static async Task<bool> ToldAsync(IGrainFactory grains, FleetStatus status, string name)
    {
        if ((status.Removed ?? []).LastOrDefault(r => r.Name == name) is not { } removed)
            return true;
        var applied = await Task.WhenAll(ClusterDirectory.All(grains).Select(shard => shard.GetAppliedVersionAsync()));
        return applied.All(version => version >= removed.SnapshotVersion);
    }

    /// <summary>Every store that holds a group it left, over all shards.</summary>
    public static async Task<IReadOnlyList<LeavingMember>> LeavingAsync(IGrainFactory grains, string? group) =>
        (await Task.WhenAll(ClusterDirectory.All(grains).Select(shard => shard.GetLeavingAsync(group)))).SelectMany(r => r.Value).ToList();

    /// <summary>For the fleet view: per group removed from fleet.yaml, the stores that still hold it and the data its removal deletes there.</summary>
    public static IReadOnlyList<GroupRemovalSummary> Summaries(IReadOnlyList<LeavingMember> leaving, FleetStatus status) =>
        leaving.Where(l => status.Groups.All(g => g.Name != l.Group))
            .GroupBy(l => l.Group, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GroupRemovalSummary(g.Key, g.Count(), g.Count(l => l.Member.State == RemovalState.PruneFailed),
                g.Sum(l => l.Member.PersistentVolumeClaims), g.Sum(l => l.Member.Namespaces)))
            .ToList();
}
