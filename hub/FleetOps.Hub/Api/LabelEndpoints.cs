using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Selectors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetOps.Hub.Api;

/// <summary><c>POST /api/v1/clusters/{id}/labels</c>: an operator changes the registry labels that select a cluster's groups.</summary>
internal static class LabelEndpoints
{
    private const int MaxActor = 100;

    /// <summary>Every label set is checked as register checks it, and the result as a whole (at most 64); the cluster's groups follow before the answer.</summary>
    public static async Task<Results<Ok<ClusterLabels>, ProblemHttpResult>> Relabel(string id, LabelRequest request, IGrainFactory grains)
    {
        if (!ClusterIds.IsValid(id))
            return await ClusterEndpoints.NotFoundAsync(id, grains);
        var set = request.Set ?? new Dictionary<string, string>();
        var remove = request.Remove ?? [];
        if (set.Count == 0 && remove.Count == 0)
            return Problems.BadRequest("Invalid labels", "give labels to set (key=value) or keys to remove (key-)");
        if (set.Count > LabelSet.MaxLabels || remove.Count > LabelSet.MaxLabels)
            return Problems.BadRequest("Invalid labels", $"a cluster has at most {LabelSet.MaxLabels} labels; a change sets or removes no more");
        if (LabelSet.Validate(set) is { } setProblem)
            return Problems.BadRequest("Invalid labels", setProblem);
        foreach (var key in remove)
        {
            if (key is null || LabelSyntax.ValidateKey(key) is { } keyProblem)
                return Problems.BadRequest("Invalid labels", $"cannot remove '{SafeText.Clean(key ?? "null", keepLineBreaks: false)}': the key is not valid: {LabelSyntax.ValidateKey(key ?? "") ?? "null"}");
            if (set.ContainsKey(key))
                return Problems.BadRequest("Invalid labels", $"label '{key}' is both set and removed; give one");
        }
        // Recorded and logged (by the cluster grain), so one line of text, and not a page of it.
        var actor = SafeText.Clean(string.IsNullOrWhiteSpace(request.Actor) ? "admin" : request.Actor, keepLineBreaks: false);
        actor = actor.Length <= MaxActor ? actor : actor[..MaxActor];
        var outcome = await grains.GetGrain<IClusterGrain>(id).RelabelAsync(set, remove, actor);
        if (outcome.Problem is { } problem)
            return Problems.BadRequest("Invalid labels", problem);
        if (outcome.Labels is not { } labels)
            return await ClusterEndpoints.NotFoundAsync(id, grains);
        return TypedResults.Ok(labels);
    }
}
