using System.CommandLine;
using FleetOps.Cli.Client;
using FleetOps.Cli.Output;
using FleetOps.Cli.Waiting;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops wait</c>, for pipelines: polls until enough of a group's members are Converged at the
/// revision, then exits 0; when the timeout passes, or the revision can never arrive, exits 4 and lists the
/// clusters holding it back with their agents' reasons. For a group with a rollout block it waits for the
/// rollout of the revision to complete, and exits 4 at once when that rollout is Halted or Aborted. With <c>--removed</c>
/// it waits for a group taken out of fleet.yaml to be pruned on every store (<see cref="RemovalWait"/>).
/// </summary>
public sealed class WaitCommand : Command
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    public WaitCommand(CliRuntime runtime)
        : base("wait", "Wait until a group's members converge at a revision (exit 0), or give up (exit 4) naming the holdouts")
    {
        var group = new Option<string>("--group", "-g") { Description = "The group to wait for", HelpName = "GROUP", Required = true };
        var revision = OptionParsers.Sha("--revision", "Commit sha (full or abbreviated) to wait for [default: the group's current target]");
        var minConverged = OptionParsers.Percent("--min-converged",
            "Share of the group's members that must be Converged at the revision [default: 100%; with a rollout block: its completion is enough]");
        var timeout = OptionParsers.Duration("--timeout", "Give up after this long [default: 10m]");
        var interval = OptionParsers.Duration("--interval", "Time between looks at the hub [default: 5s]");
        var removed = new Option<bool>("--removed")
        {
            Description = "Wait until a group removed from fleet.yaml is pruned on every store that had it (exit 4 at once when a store's prune failed)",
        };
        foreach (var option in new Option[] { group, revision, minConverged, timeout, interval, removed })
            Options.Add(option);

        this.Runs(runtime, async (context, ct) =>
        {
            var goal = new WaitGoal(context.Value(group), context.Value(revision)?.ToLowerInvariant(), context.Value(minConverged));
            var every = context.Value(interval) ?? DefaultInterval;
            if (every <= TimeSpan.Zero)
                throw CliException.Usage("--interval must be longer than zero", "for example --interval 5s");
            if (context.Value(removed))
            {
                if (goal.Revision is not null || goal.MinConvergedPercent is not null)
                    throw CliException.Usage("--removed waits for a group to be gone from every store: --revision and --min-converged do not apply",
                        $"fleetops wait --group {goal.Group} --removed");
                return await RemovalWait.RunAsync(context, goal.Group, context.Value(timeout) ?? DefaultTimeout, every, ct);
            }
            var report = await PollAsync(context, goal, context.Value(timeout) ?? DefaultTimeout, every, ct);
            int? detailed = null;
            if (report.State != WaitState.Met)
            {
                report = await WithReasonsAsync(context, report, ct);
                detailed = ClusterDetails.Limit;
            }
            if (context.Json)
                context.WriteJson(report, WaitJsonContext.Default.WaitReport);
            else
                WaitView.Write(context.Screen, report, detailed);
            return report.State == WaitState.Met ? ExitCodes.Ok : ExitCodes.WaitNotMet;
        });
    }

    /// <summary>Looks, decides, and looks again after the interval until met, impossible or out of time; progress goes to stderr when it changes.</summary>
    private static async Task<WaitReport> PollAsync(CommandContext context, WaitGoal goal, TimeSpan timeout, TimeSpan interval, CancellationToken ct)
    {
        var clock = context.Env.Clock;
        var started = clock.GetTimestamp();
        string? lastProgress = null;
        var sources = new SourceRetries();
        while (true)
        {
            WaitReport report;
            try
            {
                // Without --revision: the newest head the hub knows once it has looked now, so a wait right after a push waits for it.
                if (goal.Revision is null && !goal.NewestHead)
                    goal = await NewestHeadAsync(context, goal, ct);
                report = await LookAsync(context, goal, clock.GetElapsedTime(started), sources, ct);
            }
            catch (CliException e) when (e.ExitCode == ExitCodes.HubUnreachable && clock.GetElapsedTime(started) + interval < timeout)
            {
                // A hub restarting during a rollout is routine: a pipeline's gate rides it out until its own timeout.
                context.Runtime.WriteProgress($"waiting: {e.Message}; retrying");
                lastProgress = null;
                await Task.Delay(interval, clock, ct);
                continue;
            }
            var elapsed = clock.GetElapsedTime(started);
            report = report with { ElapsedSeconds = Math.Round(elapsed.TotalSeconds, 1) };
            if (report.State != WaitState.Waiting)
                return report;

            var remaining = timeout - elapsed;
            if (remaining <= TimeSpan.Zero)
                return report;
            var progress = WaitView.Progress(report) + (report.Note is null ? "" : $" ({report.Note})");
            if (progress != lastProgress)
                context.Runtime.WriteProgress($"waiting: {progress}");
            lastProgress = progress;
            await Task.Delay(remaining < interval ? remaining : interval, clock, ct);
        }
    }

    /// <summary>The branch head after a refresh (or, when the hub cannot fetch now, the newest one it knows); the group's target when it knows none.</summary>
    private static async Task<WaitGoal> NewestHeadAsync(CommandContext context, WaitGoal goal, CancellationToken ct)
    {
        var refreshed = await context.Hub.RefreshAsync(ct);
        var head = refreshed.Head ?? (await context.Hub.GetFleetAsync(ct)).Head;
        if (refreshed.Head is null && head is not null)
            context.Runtime.WriteProgress($"waiting: the hub could not fetch now; waiting for the newest head it knows, {Revisions.Short(head)}");
        return goal with { Revision = head, NewestHead = true };
    }

    /// <summary>
    /// One look at the hub. A group the hub does not know yet may be new in a revision it has not processed: that is
    /// waited for like any other; once the hub has processed the revision, a group still missing is an error.
    /// </summary>
    private static async Task<WaitReport> LookAsync(CommandContext context, WaitGoal goal, TimeSpan elapsed, SourceRetries sources, CancellationToken ct)
    {
        var fleet = goal.Revision is null ? null : await context.Hub.GetFleetAsync(ct);
        GroupDetail detail;
        try
        {
            detail = await context.Hub.GetGroupAsync(goal.Group, ct);
        }
        catch (HubProblemException e) when (e.Problem.Status == 404)
        {
            if (goal.Revision is null)
                throw GroupCommand.UnknownGroup(e);
            if (await KnownAsync(context, goal.Revision, null, ct) is not { Processed: true })
                return WaitEvaluator.NotDefinedYet(goal, fleet, elapsed);
            // The hub may have processed the revision between the two questions: ask for the group again before calling it missing.
            detail = await GroupCommand.GetAsync(context.Hub, goal.Group, ct);
        }
        var rollout = detail.Group.Rollout is null ? null : await RolloutStatusCommand.GetAsync(context.Hub, goal.Group, ct);
        var report = WaitEvaluator.Evaluate(goal, detail, fleet, elapsed, rollout, null, sources.Update(detail.Members, elapsed));
        // Neither the target, the accepted commit nor a refused one: ask the hub whether it has been past it (processed long ago).
        if (report.Revision is null && report.State == WaitState.Waiting && goal.Revision is { } wanted
            && await KnownAsync(context, wanted, detail.Group.Target?.Commit.Sha, ct) is { Processed: true } known)
            report = WaitEvaluator.Evaluate(goal, detail, fleet, elapsed, rollout, known, sources.Update(detail.Members, elapsed));
        return report;
    }

    private static async Task<RevisionView?> KnownAsync(CommandContext context, string revision, string? target, CancellationToken ct)
    {
        try
        {
            return await context.Hub.GetRevisionAsync(revision, target, ct);
        }
        catch (HubProblemException e) when (e.Problem.Status == 404)
        {
            // Not in the hub's mirror (not fetched yet), or a hub without this route: not processed as far as we can tell.
            return null;
        }
    }

    /// <summary>
    /// Replaces the member list's reasons of the worst holdouts with fuller ones (last seen, first unhealthy
    /// object). The verdict stands without them: a hub lost at this point makes the answer shorter, not exit 3.
    /// </summary>
    private static async Task<WaitReport> WithReasonsAsync(CommandContext context, WaitReport report, CancellationToken ct)
    {
        IReadOnlyDictionary<string, ClusterDetail> clusters;
        try
        {
            // A holdout Converged at another revision (not released yet, or pinned) has nothing more to say.
            clusters = await ClusterDetails.FetchAsync(context.Hub, report.HeldBackBy.Where(h => h.Phase != Shared.Contracts.Phase.Converged).Select(h => h.ClusterId), ct);
        }
        catch (CliException e) when (e.ExitCode == ExitCodes.HubUnreachable)
        {
            context.Runtime.WriteProgress($"waiting: no reasons for the holdouts: {e.Message}");
            return report;
        }
        var now = context.Env.Clock.GetUtcNow();
        return report with
        {
            HeldBackBy = report.HeldBackBy.Select(h =>
            {
                if (!clusters.TryGetValue(h.ClusterId, out var cluster))
                    return h;
                var (reason, message) = MemberNotes.For(h.Phase, cluster, report.Group, now);
                return h with { Reason = reason, Message = message };
            }).ToList(),
        };
    }
}
