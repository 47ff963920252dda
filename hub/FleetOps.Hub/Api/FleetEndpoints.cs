using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Api;
using FleetOps.Shared.Fleet;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetOps.Hub.Api;

/// <summary><c>GET /api/v1/fleet</c>, <c>/groups</c> and <c>/groups/{name}</c>.</summary>
internal static class FleetEndpoints
{
    public static async Task<Ok<FleetView>> GetFleet(FleetReader reader) => TypedResults.Ok(await reader.ReadFleetAsync());

    public static async Task<Ok<IReadOnlyList<GroupView>>> GetGroups(FleetReader reader) => TypedResults.Ok(await reader.ReadGroupsAsync());

    public static async Task<Results<Ok<GroupDetail>, ProblemHttpResult>> GetGroup(string name, FleetReader reader, IGrainFactory grains)
    {
        var status = await grains.GetGrain<IFleetGrain>(IFleetGrain.Key).GetStatusAsync();
        var spec = status.Groups.FirstOrDefault(g => g.Name == name);
        if (spec is null)
            return Problems.NotFound("Group not found", $"there is no group '{name}' in fleet.yaml", DidYouMean.Closest(name, status.Groups.Select(g => g.Name)));
        var view = await reader.ToViewAsync(spec);
        return TypedResults.Ok(new GroupDetail(view, (await grains.GetGrain<IGroupGrain>(name).GetMembersAsync()).Value));
    }
}
