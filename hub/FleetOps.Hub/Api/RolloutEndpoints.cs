using FleetOps.Hub.Grains;
using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Rollouts;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Fleet;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetOps.Hub.Api;

/// <summary>
/// A group's rollout (status, audit, pause/resume/promote/abort) and pins of one cluster's group. Every
/// operator action is recorded in the group's audit with who asked and when.
/// </summary>
internal static class RolloutEndpoints
{
    public static async Task<Results<Ok<RolloutView>, ProblemHttpResult>> Get(string name, IGrainFactory grains) =>
        await GroupExistsAsync(name, grains) is { } missing ? missing : TypedResults.Ok(await grains.GetGrain<IGroupGrain>(name).GetRolloutAsync());

    public static async Task<Results<Ok<GroupHistory>, ProblemHttpResult>> History(string name, IGrainFactory grains) =>
        await GroupExistsAsync(name, grains) is { } missing
            ? missing
            : TypedResults.Ok(new GroupHistory(name, await grains.GetGrain<IGroupGrain>(name).GetHistoryAsync()));

    public static async Task<Results<Ok<RolloutView>, ProblemHttpResult>> Act(string name, string action, RolloutAction? request, IGrainFactory grains)
    {
        if (action is not (GroupGrain.Pause or GroupGrain.Resume or GroupGrain.Promote or GroupGrain.Abort))
            return Problems.NotFound("Unknown rollout action", $"'{action}' is not a rollout action",
                DidYouMean.Closest(action, [GroupGrain.Pause, GroupGrain.Resume, GroupGrain.Promote, GroupGrain.Abort]));
        if (await GroupExistsAsync(name, grains) is { } missing)
            return missing;
        var group = grains.GetGrain<IGroupGrain>(name);
        if (await group.ActAsync(action, request ?? new RolloutAction()) is { } refused)
            return Problems.Conflict($"Cannot {action} the rollout of '{name}'", refused);
        return TypedResults.Ok(await group.GetRolloutAsync());
    }

    /// <summary>Pins a cluster's group at a recent target of that group, by sha prefix, or at what it is told to run now.</summary>
    public static async Task<Results<Ok<PinRequest>, ProblemHttpResult>> Pin(string id, PinRequest request, IGrainFactory grains, TimeProvider time)
    {
        if (await GroupExistsAsync(request.Group, grains) is { } missing)
            return missing;
        if (!ClusterIds.IsValid(id) || await grains.GetGrain<IClusterGrain>(id).GetDetailAsync(0) is not { } cluster)
            return Problems.NotFound("Cluster not found", $"there is no registered cluster '{id}'", []);
        var revision = request.Revision ?? cluster.Groups.FirstOrDefault(g => g.Name == request.Group)?.DesiredRevision;
        if (revision is null)
            return Problems.Conflict("Nothing to pin", $"cluster '{id}' is told nothing for group '{request.Group}' yet; give --revision");
        var group = grains.GetGrain<IGroupGrain>(request.Group);
        if (await group.FindTargetAsync(revision) is not { } target)
            return Problems.BadRequest("Unknown revision",
                $"'{revision}' is not one of the recent targets of group '{request.Group}' (see 'fleetops history --group {request.Group}'), or names several");
        await grains.GetGrain<IClusterGrain>(id).PinAsync(request.Group, target);
        await group.RecordAsync(new RolloutEvent(time.GetUtcNow(), RolloutEventKinds.Pinned, target.Revision, null, Actor(request.Actor), $"{id} held at {target.Revision[..7]}"));
        return TypedResults.Ok(request with { Revision = target.Revision });
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Unpin(string id, string group, string? actor, IGrainFactory grains, TimeProvider time)
    {
        if (await GroupExistsAsync(group, grains) is { } missing)
            return missing;
        if (!ClusterIds.IsValid(id) || !await grains.GetGrain<IClusterGrain>(id).PinAsync(group, null))
            return Problems.NotFound("Cluster not found", $"there is no registered cluster '{id}'", []);
        await grains.GetGrain<IGroupGrain>(group).RecordAsync(new RolloutEvent(time.GetUtcNow(), RolloutEventKinds.Unpinned, null, null, Actor(actor), $"{id} released from its pin"));
        return TypedResults.NoContent();
    }

    private static string Actor(string? actor) => string.IsNullOrWhiteSpace(actor) ? "admin" : actor;

    private static async Task<ProblemHttpResult?> GroupExistsAsync(string name, IGrainFactory grains)
    {
        var status = await grains.GetGrain<IFleetGrain>(IFleetGrain.Key).GetStatusAsync();
        return status.Groups.Any(g => g.Name == name)
            ? null
            : Problems.NotFound("Group not found", $"there is no group '{name}' in fleet.yaml", DidYouMean.Closest(name, status.Groups.Select(g => g.Name)));
    }
}
