using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Storage;
using FleetOps.Shared.Api;
using FleetOps.Shared.Fleet;
using FleetOps.Shared.Selectors;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Grains;

/// <summary>
/// Decides which group targets move at a new commit: a target moves only when the group's rendered
/// digest or path changes, and a group whose render failed keeps its previous target. Every new
/// snapshot goes to the directory shards, which bring each cluster up to it; a group with a rollout
/// block is told of its new target and releases it to its members wave by wave.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed class FleetGrain(
    [PersistentState("fleet", HubStorage.Name)] IPersistentState<FleetState> state,
    TimeProvider time,
    ILogger<FleetGrain> logger) : Grain, IFleetGrain
{
    private FleetState S => state.State;

    private FleetSnapshot? snapshot;
    private long broadcastVersion;
    private CatchUp broadcasting = null!;
    private CatchUp syncing = null!;
    private readonly HashSet<string> unsynced = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        broadcasting = new CatchUp(this, _ => BroadcastAsync());
        syncing = new CatchUp(this, _ => SyncGroupsAsync());
        // A restart may have come between writing a commit and telling its groups: tell them again, shortly.
        unsynced.UnionWith(S.Groups.Select(g => g.Name));
        if (unsynced.Count > 0)
            syncing.Owe();
        return Task.CompletedTask;
    }

    public async Task<FleetCommitOutcome> ApplyCommitAsync(FleetCommit commit)
    {
        var previous = S.Groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
        var renders = commit.Renders.ToDictionary(r => r.Group, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var moved = new List<string>();
        var next = new List<GroupSpec>();
        foreach (var definition in commit.Definitions)
        {
            var line = definition.Source.Path.Line > 0 ? definition.Source.Path.Line : (int?)null;
            var old = previous.GetValueOrDefault(definition.Name);
            var spec = new GroupSpec(definition.Name, definition.Path, definition.Selector.ToString(), line, old?.Target, null,
                definition.Rollout, old?.TargetSeq ?? 0, old?.Stable, old?.StableSeq ?? 0, old?.WindowsIgnoredFor, old?.Previous, old?.PreviousSeq ?? 0);
            if (!renders.TryGetValue(definition.Name, out var render) || render.Error is not null)
                spec = spec with { Error = render?.Error ?? new FleetError(FleetErrorKinds.Render, $"group '{definition.Name}' was not rendered", null, line, commit.Commit.Sha, now) };
            else if (spec.Target is null || spec.Target.Digest != render.Digest || spec.Target.Path != definition.Path)
            {
                spec = spec with
                {
                    Target = new GroupTarget(commit.Commit, definition.Path, render.Digest!, render.Objects, now),
                    TargetSeq = ++S.LastTargetSeq,
                    Previous = spec.Target,
                    PreviousSeq = spec.TargetSeq,
                };
                moved.Add(definition.Name);
            }
            // Without a rollout block a target is released to every member at once: it is stable as soon as it moves.
            if (spec.Rollout is null)
                spec = spec with { Stable = spec.Target, StableSeq = spec.TargetSeq };
            next.Add(spec);
            // Every group hears of its target (a pin names one of its recent targets); one with a rollout block rolls it out.
            if (spec.TargetSeq != old?.TargetSeq || spec.Rollout != old?.Rollout)
                unsynced.Add(spec.Name);
        }
        var removed = S.Groups.Select(g => g.Name).Except(next.Select(g => g.Name)).ToList();

        var definitionsChanged = !next.Select(Shape).SequenceEqual(S.Groups.Select(Shape));
        S.Groups = next;
        S.Commit = commit.Commit;
        S.LastHead = commit.Commit.Sha;
        S.DefinitionErrors = [];
        if (moved.Count > 0 || definitionsChanged)
        {
            S.SnapshotVersion++;
            snapshot = null;
        }
        RecordRemovals(removed, next, commit.Commit.Sha, now);
        await state.WriteStateAsync();

        if (moved.Count > 0 || definitionsChanged)
        {
            logger.LogInformation("Commit {Commit} moved {Moved} of {Groups} group targets (definitions changed: {DefinitionsChanged})",
                commit.Commit.Sha, moved.Count, next.Count, definitionsChanged);
            await BroadcastAsync();
        }
        await SyncGroupsAsync();
        foreach (var name in removed)
            await ForgetGroupAsync(name);
        return new FleetCommitOutcome(moved, definitionsChanged, Errors());
    }

    public async Task MarkStableAsync(string group, long seq)
    {
        var index = S.Groups.FindIndex(g => g.Name == group);
        if (index < 0 || S.Groups[index] is not { } spec || seq <= spec.StableSeq)
            return;
        // The word may come after the next commit moved the target on: the target before it completed, and it is stable.
        var completed = seq == spec.TargetSeq ? spec.Target : seq == spec.PreviousSeq ? spec.Previous : null;
        if (completed is null)
            return;
        S.Groups[index] = spec with { Stable = completed, StableSeq = seq };
        await ChangedAsync($"{completed.Commit.Sha[..7]} is now the stable revision of {group}");
    }

    public async Task IgnoreWindowsAsync(string group, string revision)
    {
        var index = S.Groups.FindIndex(g => g.Name == group);
        if (index < 0 || S.Groups[index].WindowsIgnoredFor == revision)
            return;
        S.Groups[index] = S.Groups[index] with { WindowsIgnoredFor = revision };
        await ChangedAsync($"{revision[..7]} of {group} may apply outside store hours");
    }

    /// <summary>A new snapshot for one group's change, written and handed to every cluster.</summary>
    private async Task ChangedAsync(string what)
    {
        S.SnapshotVersion++;
        snapshot = null;
        await state.WriteStateAsync();
        logger.LogInformation("Snapshot {Version}: {What}", S.SnapshotVersion, what);
        await BroadcastAsync();
    }

    /// <summary>Tells each group whose target or policy changed its target, policy and stable target; retried until each has it.</summary>
    private async Task SyncGroupsAsync()
    {
        foreach (var name in unsynced.ToList())
        {
            if (S.Groups.FirstOrDefault(g => g.Name == name) is not { } spec)
            {
                unsynced.Remove(name);
                continue;
            }
            try
            {
                await GrainFactory.GetGrain<IGroupGrain>(name).SyncAsync(new GroupSync(spec.TargetRef, spec.Target?.Commit, spec.Rollout, spec.StableRef, S.SnapshotVersion));
                unsynced.Remove(name);
            }
            catch (Exception e)
            {
                logger.LogWarning("Could not tell group {Group} of its target ({Error}); retrying with backoff", name, e.Message);
                syncing.Owe();
                return;
            }
        }
        syncing.Paid();
    }

    private async Task ForgetGroupAsync(string name)
    {
        try
        {
            await GrainFactory.GetGrain<IGroupGrain>(name).ForgetAsync();
        }
        catch (Exception e)
        {
            // Only its audit stays behind; a group added again under this name starts a fresh rollout at its first move.
            logger.LogWarning("Could not clear the rollout state of removed group {Group}: {Error}", name, e.Message);
        }
    }

    public async Task RecordDefinitionErrorsAsync(string head, IReadOnlyList<FleetError> errors)
    {
        S.LastHead = head;
        S.DefinitionErrors = errors.ToList();
        await state.WriteStateAsync();
        logger.LogWarning("fleet.yaml at {Commit} refused with {Count} error(s), keeping the definitions of {Accepted}: {Error}",
            head, errors.Count, S.Commit?.Sha, errors.FirstOrDefault()?.Message);
    }

    public async Task<bool> RecordUntrustedCommitAsync(FleetError error)
    {
        // The same refusal at every poll is not news: written once, not every fifteen seconds.
        if (S.DefinitionErrors is [var shown] && shown.Kind == error.Kind && shown.Commit == error.Commit && shown.Message == error.Message)
            return false;
        S.DefinitionErrors = [error];
        await state.WriteStateAsync();
        return true;
    }

    public async Task RecordSourceErrorAsync(FleetError? error)
    {
        if (Equals(S.SourceError?.Message, error?.Message))
            return;
        S.SourceError = error;
        await state.WriteStateAsync();
    }

    public Task<FleetSnapshot> GetSnapshotAsync() => Task.FromResult(Snapshot());

    public Task<FleetStatus> GetStatusAsync() =>
        Task.FromResult(new FleetStatus(S.Commit, S.Groups.ToList(), Errors(), S.LastHead, S.Removed.ToList()));

    // A group added back is no longer removed; the list keeps the newest removals only.
    private void RecordRemovals(List<string> removed, List<GroupSpec> next, string commit, DateTimeOffset at)
    {
        S.Removed.RemoveAll(r => removed.Contains(r.Name) || next.Any(g => g.Name == r.Name));
        S.Removed.AddRange(removed.Select(name => new RemovedGroup(name, commit, at, S.SnapshotVersion)));
        if (S.Removed.Count > RemovedGroup.Kept)
            S.Removed.RemoveRange(0, S.Removed.Count - RemovedGroup.Kept);
    }

    // Selectors are parsed once per snapshot, not once per cluster that matches against them.
    private FleetSnapshot Snapshot() => snapshot ??= new(
        S.SnapshotVersion,
        S.Groups.Select(g => new SnapshotGroup(g.Name, g.Target?.Path ?? g.Path, LabelSelector.Parse(g.Selector), g.Target?.Commit.Sha, g.Target?.Digest,
            g.TargetSeq, g.Rollout, g.StableRef, g.WindowsIgnoredFor)).ToList());

    /// <summary>
    /// Hands the snapshot to every directory shard; until all of them have it, it is sent again with backoff.
    /// Clusters decide for themselves whether it changes their desired state.
    /// </summary>
    private async Task BroadcastAsync()
    {
        var current = Snapshot();
        if (current.Version <= broadcastVersion)
            return;
        try
        {
            await Task.WhenAll(ClusterDirectory.All(GrainFactory).Select(shard => shard.BroadcastAsync(current)));
            broadcastVersion = current.Version;
            broadcasting.Paid();
        }
        catch (Exception e)
        {
            logger.LogWarning("Handing snapshot {Version} to the directory shards failed ({Error}); retrying with backoff", current.Version, e.Message);
            broadcasting.Owe();
        }
    }

    private List<FleetError> Errors()
    {
        var errors = new List<FleetError>(S.DefinitionErrors);
        if (S.SourceError is not null)
            errors.Add(S.SourceError);
        errors.AddRange(S.Groups.Where(g => g.Error is not null).Select(g => g.Error!));
        return errors;
    }

    private static (string, string, string, RolloutPolicy?) Shape(GroupSpec g) => (g.Name, g.Path, g.Selector, g.Rollout);
}
