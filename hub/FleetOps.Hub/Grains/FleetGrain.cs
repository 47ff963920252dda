using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Storage;
using FleetOps.Shared.Api;
using FleetOps.Shared.Selectors;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Grains;

/// <summary>
/// Decides which group targets move at a new commit: a target moves only when the group's rendered
/// digest or path changes, and a group whose render failed keeps its previous target. Every new
/// snapshot goes to the directory shards, which bring each cluster up to it.
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

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        broadcasting = new CatchUp(this, _ => BroadcastAsync());
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
            var target = previous.GetValueOrDefault(definition.Name)?.Target;
            FleetError? error = null;
            if (!renders.TryGetValue(definition.Name, out var render) || render.Error is not null)
                error = render?.Error ?? new FleetError(FleetErrorKinds.Render, $"group '{definition.Name}' was not rendered", null, line, commit.Commit.Sha, now);
            else if (target is null || target.Digest != render.Digest || target.Path != definition.Path)
            {
                target = new GroupTarget(commit.Commit, definition.Path, render.Digest!, render.Objects, now);
                moved.Add(definition.Name);
            }
            next.Add(new GroupSpec(definition.Name, definition.Path, definition.Selector.ToString(), line, target, error));
        }

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
        await state.WriteStateAsync();

        if (moved.Count > 0 || definitionsChanged)
        {
            logger.LogInformation("Commit {Commit} moved {Moved} of {Groups} group targets (definitions changed: {DefinitionsChanged})",
                commit.Commit.Sha, moved.Count, next.Count, definitionsChanged);
            await BroadcastAsync();
        }
        return new FleetCommitOutcome(moved, definitionsChanged, Errors());
    }

    public async Task RecordDefinitionErrorsAsync(string head, IReadOnlyList<FleetError> errors)
    {
        S.LastHead = head;
        S.DefinitionErrors = errors.ToList();
        await state.WriteStateAsync();
        logger.LogWarning("fleet.yaml at {Commit} refused with {Count} error(s), keeping the definitions of {Accepted}: {Error}",
            head, errors.Count, S.Commit?.Sha, errors.FirstOrDefault()?.Message);
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
        Task.FromResult(new FleetStatus(S.Commit, S.Groups.ToList(), Errors(), S.LastHead));

    // Selectors are parsed once per snapshot, not once per cluster that matches against them.
    private FleetSnapshot Snapshot() => snapshot ??= new(
        S.SnapshotVersion,
        S.Groups.Select(g => new SnapshotGroup(g.Name, g.Target?.Path ?? g.Path, LabelSelector.Parse(g.Selector), g.Target?.Commit.Sha, g.Target?.Digest)).ToList());

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

    private static (string, string, string) Shape(GroupSpec g) => (g.Name, g.Path, g.Selector);
}
