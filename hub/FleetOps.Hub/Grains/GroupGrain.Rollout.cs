using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Rollouts;
using FleetOps.Shared.Api;
using FleetOps.Shared.Fleet;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Grains;

internal sealed partial class GroupGrain
{
    // Rollout decisions are re-evaluated this often while one is under way, so a bake ends on time.
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private const int MaxEvents = 500;
    private const int MaxRecent = 20;

    private RolloutBook? book;
    private IGrainTimer? ticking;
    private CatchUp? retrying;
    private Task telling = Task.CompletedTask;

    // A new rollout counts its members only once every cluster has taken the snapshot that started it: a group
    // new in that commit would otherwise have no members yet, and complete before its canaries ever ran it.
    private long membersAsOf;
    private string? windowsToldFor;

    // Background work (release answers, the fleet's acknowledgements) interleaves with calls: one write at a time.
    private readonly SemaphoreSlim writing = new(1, 1);

    public async Task SyncAsync(GroupSync sync)
    {
        var now = time.GetUtcNow();
        var step = new RolloutDecision();
        // The fleet may tell of the next commit before it hears that this group completed the last rollout: the stable
        // target only moves forward, and the one the fleet has not taken yet is still owed to it.
        if (sync.Stable is { } told && (S.Stable is null || told.Seq > S.Stable.Seq))
            S.Stable = told;
        if (sync.Target is { } target && S.Recent.LastOrDefault()?.Seq != target.Seq)
        {
            S.Recent.Add(target);
            if (S.Recent.Count > MaxRecent)
                S.Recent.RemoveAt(0);
        }
        if (sync.Policy is null)
        {
            if (S.Rollout is { Phase: not (RolloutPhase.Completed or RolloutPhase.Aborted) } dropped)
                step.Note(now, RolloutEventKinds.Superseded, dropped, "the rollout block was removed: every member takes the target at once");
            S.Rollout = null;
            book = null;
        }
        else if (sync.Target is { } next && (S.Rollout is null || next.Seq > S.Rollout.Target.Seq) && (S.Stable is null || next.Seq > S.Stable.Seq))
        {
            if (S.Rollout is { Phase: not (RolloutPhase.Completed or RolloutPhase.Aborted) } superseded)
                step.Note(now, RolloutEventKinds.Superseded, superseded, $"superseded by {next.Revision[..7]}");
            S.Rollout = new RolloutRecord { Target = next, Commit = sync.Commit, Policy = sync.Policy, StartedAt = now };
            book = null;
            membersAsOf = sync.SnapshotVersion;
            _ = AwaitMembersAsync();
            step.Note(now, RolloutEventKinds.Started, S.Rollout, $"from {S.Stable?.Revision[..7] ?? "nothing (first rollout)"}; {Describe(S.Rollout)}");
        }
        else if (S.Rollout is { } current && current.Policy != sync.Policy)
        {
            current.Policy = sync.Policy;
            current.Wave = Math.Min(current.Wave, current.WaveCount - 1);
        }
        Append(step);
        await SaveAsync();
        StartRollout();
        await AdvanceAsync();
    }

    public async Task ForgetAsync()
    {
        book = null;
        ticking?.Dispose();
        ticking = null;
        await writing.WaitAsync();
        try
        {
            await state.ClearStateAsync();
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>Builds the book from the members known now and keeps the rollout ticking while it is under way.</summary>
    private void StartRollout()
    {
        retrying ??= new CatchUp(this, _ => AdvanceAsync());
        if (S.Rollout is not { } rollout)
            return;
        var canarySelector = rollout.Policy.Canary?.Selector?.ToString();
        if (book is null || book.Target != rollout.Target || book.CanarySelector != canarySelector)
        {
            book = new RolloutBook(rollout.Target, canarySelector);
            foreach (var member in members.Values.Where(m => !m.Left))
                book.Apply(member);
        }
        ticking ??= this.RegisterGrainTimer(_ => AdvanceAsync(), Tick, Tick);
    }

    /// <summary>
    /// Evaluates the rollout and carries out what it decided: the header and audit are written first, then
    /// members are released. Nothing is decided before the hub has resumed every cluster, so that members
    /// released before a restart are known before anyone else is.
    /// </summary>
    private async Task AdvanceAsync()
    {
        TellFleet();
        if (withdrawOwed && S.Rollout is { Phase: RolloutPhase.Aborted })
            await WithdrawAsync();
        if (S.Rollout is not { } rollout || book is null || !readiness.IsReady || !await MembersKnownAsync())
            return;
        var step = RolloutRules.Evaluate(rollout, book, time.GetUtcNow());
        await CarryOutAsync(step);
    }

    /// <summary>
    /// Goes on with a new rollout as soon as its members are known. Waits on the shards in real time, not on the
    /// hub's clock: it is progress elsewhere in the hub it waits for, and the clock may stand still in tests.
    /// </summary>
    private async Task AwaitMembersAsync()
    {
        try
        {
            for (var delay = TimeSpan.FromMilliseconds(20); !await MembersKnownAsync(); delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(1).Ticks)))
                await Task.Delay(delay);
            await AdvanceAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning("Waiting for the members of {Group} failed ({Error}); the rollout goes on at the next report or tick", Name, e.Message);
        }
    }

    private async Task<bool> MembersKnownAsync()
    {
        if (membersAsOf == 0)
            return true;
        var applied = await Task.WhenAll(ClusterDirectory.All(GrainFactory).Select(shard => shard.GetAppliedVersionAsync()));
        if (applied.Min() < membersAsOf)
            return false;
        membersAsOf = 0;
        return true;
    }

    private async Task CarryOutAsync(RolloutDecision step)
    {
        if (step.IsEmpty || S.Rollout is not { } rollout)
            return;
        Append(step);
        if (step.Completed)
        {
            S.Stable = rollout.Target;
            S.StableOwed = true;
        }
        if (step.Changed || step.Events.Count > 0)
            await SaveAsync();
        foreach (var entry in step.Events)
            logger.LogInformation("Rollout of {Group} at {Revision}: {Kind} {Detail}", Name, rollout.Target.Revision[..7], entry.Kind, entry.Detail);
        if (step.Releases.Count > 0)
            _ = ReleaseAsync(rollout.Target, step.Releases);
        TellFleet();
    }

    /// <summary>
    /// What the fleet grain must learn from this group: a completed rollout's revision is stable; promote
    /// --now waived windows for a revision. Sent in the background, never from within a call the fleet grain
    /// may be waiting on (it tells groups of commits), and retried until it has arrived.
    /// </summary>
    private void TellFleet()
    {
        if (telling.IsCompleted)
            telling = TellFleetAsync();
    }

    private async Task TellFleetAsync()
    {
        var fleet = GrainFactory.GetGrain<IFleetGrain>(IFleetGrain.Key);
        try
        {
            // Owed until told, even once the next rollout has started: the fleet takes it as the target before its current one.
            if (S.StableOwed && S.Stable is { } stable)
            {
                await fleet.MarkStableAsync(Name, stable.Seq);
                if (S.Stable == stable)
                    S.StableOwed = false;
                await SaveAsync();
            }
            if (S.Rollout is { IgnoreWindows: true } waived && windowsToldFor != waived.Target.Revision)
            {
                await fleet.IgnoreWindowsAsync(Name, waived.Target.Revision);
                windowsToldFor = waived.Target.Revision;
            }
        }
        catch (Exception e)
        {
            logger.LogWarning("Could not tell the fleet about group {Group} ({Error}); retrying", Name, e.Message);
            retrying?.Owe();
        }
    }

    private async Task SaveAsync()
    {
        await writing.WaitAsync();
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>Tells each cluster of its release; one that cannot be reached waits again and is retried.</summary>
    private async Task ReleaseAsync(TargetRef target, IReadOnlyList<(string ClusterId, int Wave)> releases)
    {
        var results = await Task.WhenAll(releases.Select(async r =>
        {
            try
            {
                return (r.ClusterId, Report: await GrainFactory.GetGrain<IClusterGrain>(r.ClusterId).ReleaseAsync(Name, new Release(target, r.Wave)), Failed: false);
            }
            catch (Exception e)
            {
                logger.LogWarning("Could not release {Revision} of {Group} to {Cluster} ({Error}); it waits and is retried", target.Revision[..7], Name, r.ClusterId, e.Message);
                return (r.ClusterId, Report: (MemberReport?)null, Failed: true);
            }
        }));
        foreach (var (id, report, failed) in results)
        {
            if (report is not null)
                Take(report);
            if (book?.Target == target)
                book.Settle(id, released: !failed && report is not null);
        }
        if (results.Any(r => r.Failed))
            retrying?.Owe();
        else
            await AdvanceAsync();
    }

    private void Append(RolloutDecision step)
    {
        S.Events.AddRange(step.Events);
        if (S.Events.Count > MaxEvents)
            S.Events.RemoveRange(0, S.Events.Count - MaxEvents);
    }

    private static string Describe(RolloutRecord rollout)
    {
        var p = rollout.Policy;
        var parts = new List<string>();
        if (p.Canary is { } canary)
            parts.Add($"canary {(canary.Selector is { } s ? $"'{s}'" : canary.Size.ToString())} bake {DurationFormat.Short(canary.Bake)}");
        if (p.ManualApproval)
            parts.Add("manual approval");
        parts.Add($"waves {string.Join("/", p.Waves.Select(w => $"{w}%"))} bake {DurationFormat.Short(p.Bake)}");
        if (p.MaxConcurrent is { } max)
            parts.Add($"maxConcurrent {max}");
        parts.Add($"failureBudget {p.FailureBudget}");
        return string.Join(", ", parts);
    }
}
