using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Health;
using FleetOps.EdgeAgent.Metrics;
using FleetOps.EdgeAgent.Render;
using FleetOps.EdgeAgent.Source;
using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.Reconcile;

/// <summary>
/// One reconcile of one group, read top-down: store hours, fetch, verify, render, apply, prune, check health,
/// report. Each step sets one phase and reason when it fails; the run then goes straight to the report.
/// </summary>
public sealed class GroupReconciler(
    AgentOptions options,
    IAgentStore store,
    IGitCache git,
    RevisionVerifier verifier,
    RenderCache renders,
    IResourceManager resources,
    Pruner pruner,
    HealthChecker health,
    StatusBoard board,
    TimeProvider time,
    ILogger<GroupReconciler> logger,
    AgentMetrics? metrics = null)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ChangeSet> lastChanges = new(StringComparer.Ordinal);

    /// <summary>The ChangeSet of the group's latest completed run (apply and prune): what the tests and benchmarks check.</summary>
    internal ChangeSet? LastChangeSet(string group) => lastChanges.GetValueOrDefault(group);

    public async Task<GroupStatus> ReconcileGroupAsync(GroupTarget target, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var status = await RunStepsAsync(target, cancellationToken).ConfigureAwait(false);
        metrics?.Run(target.Name, status.Phase, time.GetElapsedTime(started));
        return status;
    }

    private async Task<GroupStatus> RunStepsAsync(GroupTarget target, CancellationToken cancellationToken)
    {
        var previous = board.Get(target.Name);
        var record = store.LoadGroup(target.Name) ?? GroupRecord.New(target.Name);
        var run = new GroupRun(target, record)
        {
            DegradedAtThisRevision = previous is { Phase: Phase.Degraded } && previous.DesiredRevision == target.Group.Revision
                && record.AppliedRevision == target.Group.Revision && record.AppliedPath == target.Group.Path,
        };
        var waiting = await WaitForStoreHoursAsync(run, previous, cancellationToken).ConfigureAwait(false);
        // A new target is Progressing; a retry of one that just failed stays Failed until it succeeds
        // (otherwise every retry would flap the status and journal the same failure again).
        if (run.IsNewRevision && !waiting && !(previous is { Phase: Phase.Failed } && previous.DesiredRevision == target.Group.Revision))
            Publish(run, Phase.Progressing, Reasons.Progressing, $"reconciling {Revisions.Short(target.Group.Revision)}");

        _ = (!waiting || run.Holding)
            && await FetchAsync(run, cancellationToken).ConfigureAwait(false)
            && await VerifyAsync(run, cancellationToken).ConfigureAwait(false)
            && await RenderAsync(run, cancellationToken).ConfigureAwait(false)
            && await ApplyAsync(run, cancellationToken).ConfigureAwait(false)
            && await PruneAsync(run, cancellationToken).ConfigureAwait(false)
            && await CheckHealthAsync(run, cancellationToken).ConfigureAwait(false);

        return await ReportAsync(run).ConfigureAwait(false);
    }

    /// <summary>
    /// Reports a run that ended in an error no step handles as a failed apply, so the group neither stays
    /// Progressing nor goes silent: status, journal (on change) and a log line, as for any failure.
    /// </summary>
    public Task<GroupStatus> ReportFailureAsync(GroupTarget target, string message)
    {
        var run = new GroupRun(target, store.LoadGroup(target.Name) ?? GroupRecord.New(target.Name));
        run.Fail(Phase.Failed, Reasons.ApplyFailed, message);
        return ReportAsync(run);
    }

    /// <summary>
    /// Outside the store's hours a new revision waits: the run keeps enforcing the revision the store runs
    /// (if any) and reports Pending/OutsideWindow; the new one is fetched now, so the window needs no network.
    /// </summary>
    private async Task<bool> WaitForStoreHoursAsync(GroupRun run, GroupStatus? previous, CancellationToken cancellationToken)
    {
        var target = run.Target;
        if (StoreHoursGate.Closed(target, run.IsNewRevision, time.GetUtcNow()) is not { } closed)
        {
            if (run.IsNewRevision && previous is { Reason: Reasons.OutsideWindow } && previous.DesiredRevision == target.Group.Revision)
                store.Append(JournalEventKinds.WindowOpened, target.Name, target.Group.Revision, $"store hours began: applying {Revisions.Short(target.Group.Revision)}");
            return false;
        }
        run.Fail(Phase.Pending, Reasons.OutsideWindow, StoreHoursGate.Describe(target, run.Record.AppliedRevision, closed));
        try
        {
            await EnsureCachedAsync(target.Group.Revision, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceUnavailableException e)
        {
            logger.LogDebug("Could not fetch {Revision} of {Group} ahead of its window: {Error}", Revisions.Short(target.Group.Revision), target.Name, e.Message);
        }
        if (run.Record.AppliedRevision is { } applied && run.Record.AppliedPath is { } path)
        {
            run.Holding = true;
            run.Revision = applied;
            run.Path = path;
        }
        return true;
    }

    /// <summary>Makes sure the target revision is in the local cache; without it, keeps reconciling the last applied one.</summary>
    private async Task<bool> FetchAsync(GroupRun run, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureCachedAsync(run.Revision, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SourceUnavailableException e)
        {
            run.Fail(Phase.Failed, Reasons.SourceUnavailable, e.Message);
            if (run.Record.AppliedRevision is { } applied && run.Record.AppliedPath is { } path && git.Has(applied))
            {
                // Offline stores keep their last good state enforced while the new one is out of reach.
                run.Holding = true;
                run.Revision = applied;
                run.Path = path;
                return true;
            }
            return false;
        }
    }

    /// <summary>Fetches a missing revision from the agent's own source; a URL the hub sends is never used.</summary>
    private Task EnsureCachedAsync(string revision, CancellationToken cancellationToken) =>
        options.Source is { } source ? git.EnsureAsync(source, revision, cancellationToken)
        : git.Has(revision) ? Task.CompletedTask
        : throw new SourceUnavailableException($"revision {revision} is not cached and no source is configured: set FLEETOPS_SOURCE_URL");

    /// <summary>
    /// With trusted keys configured, the revision must be signed by one of them before anything of it is rendered,
    /// so a compromised hub or broker cannot make this store apply what nobody it trusts signed. An untrusted target
    /// fails the run; the last applied revision keeps being enforced if it still verifies.
    /// </summary>
    private async Task<bool> VerifyAsync(GroupRun run, CancellationToken cancellationToken)
    {
        if (!verifier.Enabled)
            return true;
        var verdict = await verifier.VerifyAsync(run.Revision, cancellationToken).ConfigureAwait(false);
        if (verdict.IsTrusted)
            return true;
        if (run.Holding)
        {
            logger.LogWarning("Not enforcing {Revision} of {Group}: it {Verdict}", Revisions.Short(run.Revision), run.Target.Name, verdict.Detail);
            return false;
        }
        var message = $"revision {Revisions.Short(run.Revision)} {verdict.Detail}; this store applies only revisions signed by a key it trusts (FLEETOPS_ALLOWED_SIGNERS, FLEETOPS_OPENPGP_KEYS)";
        var known = board.Get(run.Target.Name) is { Reason: Reasons.UntrustedRevision } previous && previous.DesiredRevision == run.Revision;
        logger.Log(known ? LogLevel.Debug : LogLevel.Warning, "Refused {Revision} of {Group}: {Signer}: {Message}", Revisions.Short(run.Revision), run.Target.Name, verdict.Signer, message);
        run.Fail(Phase.Failed, Reasons.UntrustedRevision, message);
        return await HoldLastAppliedAsync(run, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Goes on with the last applied revision instead of the refused target, if it is another one, cached and trusted.</summary>
    private async Task<bool> HoldLastAppliedAsync(GroupRun run, CancellationToken cancellationToken)
    {
        if (run.Record.AppliedRevision is not { } applied || run.Record.AppliedPath is not { } path || applied == run.Revision || !git.Has(applied))
            return false;
        if (!(await verifier.VerifyAsync(applied, cancellationToken).ConfigureAwait(false)).IsTrusted)
            return false;
        run.Holding = true;
        run.Revision = applied;
        run.Path = path;
        return true;
    }

    /// <summary>Renders the path at the revision (cached: periodic runs do not render again).</summary>
    private async Task<bool> RenderAsync(GroupRun run, CancellationToken cancellationToken)
    {
        try
        {
            run.Objects = await renders.GetAsync(run.Target.Name, run.Revision, run.Path, run.Target.Labels, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RenderException e)
        {
            return run.Holding ? false : run.Fail(Phase.Failed, Reasons.RenderFailed, e.Message);
        }
    }

    /// <summary>Applies what drifted or changed; dry-runs first so one bad object applies nothing.</summary>
    private async Task<bool> ApplyAsync(GroupRun run, CancellationToken cancellationToken)
    {
        var previous = run.Record.Inventory.ToDictionary(i => i.Ref, i => i.Hash);
        ApplyResult result;
        try
        {
            result = await resources.ApplyAsync(new ApplyRequest(run.Target.Name, run.Objects, previous), cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.TimedOut)
        {
            result = ApplyResult.Fail(Reasons.ApplyFailed, e.Message);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            result = ApplyResult.Fail(Reasons.ApplyFailed, $"cannot reach the Kubernetes API: {e.Message}");
        }
        if (!result.Succeeded)
            return run.Holding ? false : run.Fail(Phase.Failed, result.Reason!, result.Error!);

        run.Applied = result;
        run.Changes.Append(result.ChangeSet);
        var current = run.Objects.Select(o => new InventoryEntry(o.Ref, o.Hash)).ToList();
        var currentRefs = current.Select(c => c.Ref).ToHashSet();
        // Stale entries stay in the inventory until prune has dealt with them, so a crash in between loses none.
        var stale = run.Record.Inventory.Where(i => !currentRefs.Contains(i.Ref));
        var updated = run.Record with
        {
            AppliedRevision = run.Holding ? run.Record.AppliedRevision : run.Revision,
            AppliedPath = run.Holding ? run.Record.AppliedPath : run.Path,
            // Rendered with the target's labels even when holding an older revision.
            AppliedLabels = run.Target.LabelsKey ?? run.Record.AppliedLabels,
            Inventory = [.. current, .. stale],
        };
        // A periodic run that changed nothing writes nothing: no disk churn on a store that is in sync.
        if (updated.AppliedRevision != run.Record.AppliedRevision || updated.AppliedPath != run.Record.AppliedPath
            || updated.AppliedLabels != run.Record.AppliedLabels || !updated.Inventory.SequenceEqual(run.Record.Inventory))
        {
            store.SaveGroup(updated);
        }
        run.Record = updated;
        Journal(run, result.ChangeSet);
        return true;
    }

    /// <summary>Deletes objects whose manifests are gone, if this group still owns them.</summary>
    private async Task<bool> PruneAsync(GroupRun run, CancellationToken cancellationToken)
    {
        var currentRefs = run.Objects.Select(o => o.Ref).ToHashSet();
        var stale = run.Record.Inventory.Where(i => !currentRefs.Contains(i.Ref)).ToList();
        if (stale.Count == 0)
            return true;
        var result = await pruner.PruneAsync(run.Target.Name, stale, cancellationToken).ConfigureAwait(false);
        run.Changes.Append(result.ChangeSet);
        run.Record = run.Record with { Inventory = [.. run.Record.Inventory.Where(i => currentRefs.Contains(i.Ref)), .. result.Survivors] };
        store.SaveGroup(run.Record);
        if (result.ChangeSet.Count(ChangeAction.Deleted) > 0)
            store.Append(JournalEventKinds.Pruned, run.Target.Name, run.Revision, result.ChangeSet.Describe());
        return result.Succeeded || run.Holding || run.Fail(Phase.Failed, Reasons.PruneFailed, result.Error!);
    }

    /// <summary>
    /// Waits, within the health timeout, for every object to become healthy. A Degraded group whose run wrote
    /// nothing is judged once, on the objects the apply step has just read: its timeout already expired at this
    /// revision and nothing changed since, so waiting again would only hold every periodic run for the full timeout.
    /// </summary>
    private async Task<bool> CheckHealthAsync(GroupRun run, CancellationToken cancellationToken)
    {
        var objects = run.Objects.Select(o => o.Ref).ToList();
        var wait = run.DegradedAtThisRevision && !run.Changes.HasWrites ? TimeSpan.Zero : options.HealthTimeout;
        var report = await health.WaitAsync(objects, run.Applied!.Live, wait, cancellationToken).ConfigureAwait(false);
        run.Health = report;
        if (run.Holding)
            return false;
        if (!report.AllHealthy)
            return run.Fail(Phase.Degraded, Reasons.HealthCheckFailed, $"{report.UnhealthyCount} of {report.Total} objects not healthy after {options.HealthTimeout}: {report.Describe()}");
        run.Succeed($"applied {Revisions.Short(run.Revision)}: {run.Changes.Summary()}");
        return true;
    }

    /// <summary>Records the outcome and publishes it if it changed; phase changes are journaled.</summary>
    private Task<GroupStatus> ReportAsync(GroupRun run)
    {
        var previous = board.Get(run.Target.Name);
        lastChanges[run.Target.Name] = run.Changes;
        var status = Publish(run, run.Phase, run.Reason, run.Message);
        // One line per run that did or changed something; quiet periodic checks log at debug only.
        var noteworthy = run.Changes.HasWrites || previous is null || !StatusBoard.Same(previous, status);
        if (run.Phase is Phase.Failed or Phase.Degraded)
        {
            // The reason and the message, which say why: a change summary ("nothing") does not.
            logger.Log(noteworthy ? LogLevel.Warning : LogLevel.Debug, "Reconcile of {Group} at {Revision} is {Phase} {Reason}: {Message}",
                run.Target.Name, Revisions.Short(run.Revision), run.Phase, run.Reason, run.Message);
        }
        else
        {
            logger.Log(noteworthy ? LogLevel.Information : LogLevel.Debug, "Reconciled {Group} at {Revision}: {Phase} {Reason}: {Summary}",
                run.Target.Name, Revisions.Short(run.Revision), run.Phase, run.Reason, run.Changes.Summary());
        }
        return Task.FromResult(status);
    }

    private GroupStatus Publish(GroupRun run, Phase phase, string reason, string? message)
    {
        var previous = board.Get(run.Target.Name);
        var counts = run.Health?.Counts ?? new ResourceCounts(run.Record.Inventory.Count, phase == Phase.Converged ? run.Record.Inventory.Count : 0);
        var status = new GroupStatus(
            run.Target.Name,
            phase,
            reason,
            message,
            run.Target.Group.Revision,
            run.Record.AppliedRevision,
            counts,
            run.Health?.Unhealthy ?? [],
            previous is not null && previous.Phase == phase && previous.Reason == reason ? previous.Since : time.GetUtcNow());
        run.Record = run.Record with { Status = status };
        board.UpdateInventory(GroupInventories.Of(run.Target.Name, run.Record.Inventory, run.Health, board.GetInventory(run.Target.Name)));
        if (board.Update(status))
        {
            store.SaveGroup(run.Record);
            if (previous?.Phase != phase || previous?.Reason != reason)
                JournalPhase(run, status);
        }
        return status;
    }

    private void JournalPhase(GroupRun run, GroupStatus status)
    {
        var kind = (status.Phase, status.Reason) switch
        {
            (Phase.Converged, _) => JournalEventKinds.Converged,
            (Phase.Degraded, _) => JournalEventKinds.Degraded,
            (Phase.Failed, Reasons.SourceUnavailable) => JournalEventKinds.SourceUnavailable,
            (Phase.Failed, Reasons.RenderFailed) => JournalEventKinds.RenderFailed,
            (Phase.Failed, Reasons.UntrustedRevision) => JournalEventKinds.UntrustedRevision,
            (Phase.Failed, _) => JournalEventKinds.Failed,
            (Phase.Pending, Reasons.OutsideWindow) => JournalEventKinds.OutsideWindow,
            _ => null,
        };
        if (kind is not null)
            store.Append(kind, run.Target.Name, run.Target.Group.Revision, status.Message is null ? status.Reason : $"{status.Reason}: {status.Message}");
    }

    // A new revision's writes are an apply; writes at the same revision put back what someone changed: drift.
    private void Journal(GroupRun run, ChangeSet changes)
    {
        if (!changes.HasWrites)
            return;
        var kind = run.IsNewRevision && !run.Holding ? JournalEventKinds.Applied : JournalEventKinds.DriftCorrected;
        store.Append(kind, run.Target.Name, run.Revision, changes.Describe(), changes.Changes());
        if (kind == JournalEventKinds.DriftCorrected)
        {
            logger.LogInformation("Corrected drift in {Group}: {Objects}", run.Target.Name, changes.Describe());
            metrics?.DriftCorrected(run.Target.Name, changes.Count(ChangeAction.Created) + changes.Count(ChangeAction.Configured));
        }
    }
}
