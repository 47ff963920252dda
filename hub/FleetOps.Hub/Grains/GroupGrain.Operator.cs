using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Rollouts;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Grains;

internal sealed partial class GroupGrain
{
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string Promote = "promote";
    public const string Abort = "abort";

    public async Task<string?> ActAsync(string action, RolloutAction request)
    {
        if (S.Rollout is not { } rollout || book is null)
            return $"group '{Name}' has no rollout under way (it has no rollout block, or its target has not moved since it got one)";
        var now = time.GetUtcNow();
        var actor = string.IsNullOrWhiteSpace(request.Actor) ? "admin" : request.Actor;
        var step = new RolloutDecision();
        var refused = action switch
        {
            Pause => RolloutActions.Pause(rollout, now, actor, step),
            Resume => RolloutActions.Resume(rollout, book, now, actor, step),
            Promote => RolloutActions.Promote(rollout, book, request.All, request.Now, now, actor, step),
            Abort => RolloutActions.Abort(rollout, S.Stable is not null, now, actor, step),
            _ => $"unknown rollout action '{action}' (pause, resume, promote or abort)",
        };
        if (refused is not null)
            return refused;
        await CarryOutAsync(step);
        if (action == Abort)
        {
            withdrawNote = $"rollout of {Revisions.Short(rollout.Target.Revision)} aborted by {actor}: back to {Revisions.Short(S.Stable!.Revision)}";
            await WithdrawAsync();
        }
        await AdvanceAsync();
        return null;
    }

    public Task<TargetRef?> FindTargetAsync(string revision)
    {
        var matches = S.Recent.Append(S.Stable).OfType<TargetRef>()
            .Where(t => t.Revision.StartsWith(revision, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(t => t.Revision).ToList();
        return Task.FromResult(matches.Count == 1 ? matches[0] : null);
    }

    public async Task RecordAsync(RolloutEvent entry)
    {
        S.Events.Add(entry);
        if (S.Events.Count > MaxEvents)
            S.Events.RemoveAt(0);
        await SaveAsync();
    }

    /// <summary>Abort: every member holding a release newer than the stable revision goes back to it.</summary>
    private async Task WithdrawAsync()
    {
        var stableSeq = S.Stable?.Seq ?? 0;
        var released = members.Values.Where(m => !m.Left && m.ReleasedSeq > stableSeq).Select(m => m.ClusterId).ToList();
        var reports = await Task.WhenAll(released.Select(async id =>
        {
            try
            {
                return await GrainFactory.GetGrain<IClusterGrain>(id).WithdrawAsync(Name, withdrawNote ?? "rollout aborted");
            }
            catch (Exception e)
            {
                logger.LogWarning("Could not take the release of {Group} back from {Cluster} ({Error})", Name, id, e.Message);
                return null;
            }
        }));
        foreach (var report in reports.OfType<MemberReport>())
            Take(report);
        withdrawOwed = reports.Any(r => r is null);
        if (withdrawOwed)
            retrying?.Owe();
    }

    private bool withdrawOwed;
    private string? withdrawNote;
}
