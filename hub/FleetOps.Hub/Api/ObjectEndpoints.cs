using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetOps.Hub.Api;

/// <summary><c>GET /api/v1/clusters/{id}/objects?group=</c>: what each group owns on a store, from its agent's inventory as last reported.</summary>
internal static class ObjectEndpoints
{
    public static async Task<Results<Ok<ClusterObjects>, ProblemHttpResult>> Get(string id, string? group, IGrainFactory grains)
    {
        if (!ClusterIds.IsValid(id) || !await ClusterDirectory.For(grains, id).IsRegisteredAsync(id))
            return await ClusterEndpoints.NotFoundAsync(id, grains);
        var objects = await grains.GetGrain<IClusterGrain>(id).GetObjectsAsync(string.IsNullOrEmpty(group) ? null : group);
        return objects is null ? await ClusterEndpoints.NotFoundAsync(id, grains) : TypedResults.Ok(objects);
    }
}
