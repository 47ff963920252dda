using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Source;
using FleetOps.Shared.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetOps.Hub.Api;

/// <summary><c>GET /api/v1/revisions/{sha}</c>: whether the hub has been past a commit, so <c>wait</c> never says "not processed yet" of one it processed long ago.</summary>
internal static class RevisionEndpoints
{
    public static async Task<Results<Ok<RevisionView>, ProblemHttpResult>> Get(string sha, string? target, IGitMirror mirror, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var head = HeadRefusals.Head(await grains.GetGrain<IFleetGrain>(IFleetGrain.Key).GetStatusAsync());
        // Git is synchronous: off the request thread.
        var view = await Task.Run(() =>
        {
            try
            {
                if (mirror.FindCommit(sha) is not { } full)
                    return null;
                bool? afterTarget = target is null ? null : mirror.FindCommit(target) is { } t ? mirror.IsAncestor(t, full) : null;
                return new RevisionView(mirror.GetCommit(full), head is not null && mirror.IsAncestor(full, head), head, afterTarget);
            }
            catch (LibGit2Sharp.LibGit2SharpException)
            {
                // No mirror yet (nothing fetched, or no source configured): it knows no commit at all.
                return null;
            }
        }, cancellationToken);
        return view is null
            ? Problems.NotFound("Revision not found", $"the hub's mirror has no commit '{sha}' on its branch yet", [])
            : TypedResults.Ok(view);
    }
}
