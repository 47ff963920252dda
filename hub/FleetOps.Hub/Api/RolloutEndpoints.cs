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
    public static async Task<Results<Ok<RolloutView>, ProblemHttpResult>> Get(string name, IGrainFactory grains)
    {
        if (await GroupExistsAsync(name, grains) is { } missing)
            return missing;
        var view = await grains.GetGrain<IGroupGrain>(name).GetRolloutAsync();
        // A group without a rollout block has no rollout state; its target is its stable revision.
        if (view.StableRevision is null)
            view = view with { StableRevision = (await grains.GetGrain<IFleetGrain>(IFleetGrain.Key).GetStatusAsync()).Groups.FirstOrDefault(g => g.Name == name)?.Stable?.Commit.Sha };
        return TypedResults.Ok(view);
    }

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
            return await ClusterEndpoints.NotFoundAsync(id, grains);
        if (cluster.Groups.All(g => g.Name != request.Group))
            return NotMember(id, request.Group, cluster.Groups.Select(g => g.Name));
        var revision = request.Revision ?? cluster.Groups.FirstOrDefault(g => g.Name == request.Group)?.DesiredRevision;
        if (revision is null)
            return Problems.Conflict("Nothing to pin", $"cluster '{id}' is told nothing for group '{request.Group}' yet; give --revision");
        var group = grains.GetGrain<IGroupGrain>(request.Group);
        if (await group.FindTargetAsync(revision) is not { } target)
            return Problems.BadRequest("Unknown revision",
                $"'{revision}' is not one of the recent targets of group '{request.Group}' (see 'fleetops history --group {request.Group}'), or names several");
        if (await grains.GetGrain<IClusterGrain>(id).PinAsync(request.Group, target) == PinOutcome.NotMember)
            return NotMember(id, request.Group, cluster.Groups.Select(g => g.Name));
        await group.RecordAsync(new RolloutEvent(time.GetUtcNow(), RolloutEventKinds.Pinned, target.Revision, null, Actor(request.Actor), $"{id} held at {target.Revision[..7]}"));
        return TypedResults.Ok(request with { Revision = target.Revision });
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Unpin(string id, string group, string? actor, IGrainFactory grains, TimeProvider time)
    {
        if (await GroupExistsAsync(group, grains) is { } missing)
            return missing;
        var outcome = ClusterIds.IsValid(id) ? await grains.GetGrain<IClusterGrain>(id).PinAsync(group, null) : PinOutcome.NotRegistered;
        if (outcome == PinOutcome.NotRegistered)
            return await ClusterEndpoints.NotFoundAsync(id, grains);
        if (outcome == PinOutcome.NotPinned)
            return Problems.Conflict("Not pinned", $"cluster '{id}' is not pinned in group '{group}'; nothing to unpin");
        await grains.GetGrain<IGroupGrain>(group).RecordAsync(new RolloutEvent(time.GetUtcNow(), RolloutEventKinds.Unpinned, null, null, Actor(actor), $"{id} released from its pin"));
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotMember(string id, string group, IEnumerable<string> groups) =>
        Problems.Conflict("Not a member", $"cluster '{id}' is not a member of group '{group}' (its groups: {string.Join(", ", groups)}): there is nothing to hold");

    private static string Actor(string? actor) => string.IsNullOrWhiteSpace(actor) ? "admin" : actor;

    private static async Task<ProblemHttpResult?> GroupExistsAsync(string name, IGrainFactory grains)
    {
        var status = await grains.GetGrain<IFleetGrain>(IFleetGrain.Key).GetStatusAsync();
        return status.Groups.Any(g => g.Name == name)
            ? null
            : Problems.NotFound("Group not found", $"there is no group '{name}' in fleet.yaml", DidYouMean.Closest(name, status.Groups.Select(g => g.Name)));
    }
}
