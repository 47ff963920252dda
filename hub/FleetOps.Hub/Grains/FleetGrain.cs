using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Storage;
using FleetOps.Shared.Api;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Grains;

/// <summary>
/// Decides which group targets move at a new commit: a target moves only when the group's rendered
/// digest or path changes, and a group whose render failed keeps its previous target.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class FleetGrain(
    [PersistentState("fleet", HubStorage.Name)] IPersistentState<FleetState> state,
    TimeProvider time,
    ILogger<FleetGrain> logger) : Grain, IFleetGrain
{
    private FleetState S => state.State;

    public async Task<FleetCommitOutcome> ApplyCommitAsync(FleetCommit commit)
    {
        var previous = S.Groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
        var renders = commit.Renders.ToDictionary(r => r.Group, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var moved = new List<string>();
        var next = new List<GroupSpec>();
        foreach (var definition in commit.Definitions)
        {
            var old = previous.GetValueOrDefault(definition.Name);
            var target = old?.Target;
            FleetError? error = null;
            if (!renders.TryGetValue(definition.Name, out var render) || render.Error is not null)
                error = render?.Error ?? new FleetError(FleetErrorKinds.Render, $"group '{definition.Name}' was not rendered", null, definition.Line, commit.Commit.Sha, now);
            else if (target is null || target.Digest != render.Digest || target.Path != definition.Path)
            {
                target = new GroupTarget(commit.Commit, definition.Path, render.Digest!, render.Objects, now);
                moved.Add(definition.Name);
            }
            next.Add(new GroupSpec(definition.Name, definition.Path, definition.Selector, definition.Line, target, error));
        }

        var definitionsChanged = !next.Select(Shape).SequenceEqual(S.Groups.Select(Shape));
        S.Groups = next;
        S.Commit = commit.Commit;
        S.LastHead = commit.Commit.Sha;
        S.DefinitionError = null;
        if (moved.Count > 0 || definitionsChanged)
            S.SnapshotVersion++;
        await state.WriteStateAsync();

        if (moved.Count > 0 || definitionsChanged)
        {
            logger.LogInformation("Commit {Commit} moved {Moved} of {Groups} group targets (definitions changed: {DefinitionsChanged})",
                commit.Commit.Sha, moved.Count, next.Count, definitionsChanged);
            Broadcast();
        }
        return new FleetCommitOutcome(moved, definitionsChanged, Errors());
    }

    public async Task RecordDefinitionErrorAsync(string head, FleetError error)
    {
        S.LastHead = head;
        S.DefinitionError = error;
        await state.WriteStateAsync();
        logger.LogWarning("fleet.yaml at {Commit} refused, keeping the definitions of {Accepted}: {Error}", head, S.Commit?.Sha, error.Message);
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

    private FleetSnapshot Snapshot() => new(
        S.SnapshotVersion,
        S.Groups.Select(g => new SnapshotGroup(g.Name, g.Target?.Path ?? g.Path, g.Selector, g.Target?.Commit.Sha, g.Target?.Digest)).ToList());

    // Every cluster decides for itself whether the snapshot changes its desired state; unaffected ones publish nothing.
    private void Broadcast()
    {
        var snapshot = Snapshot();
        foreach (var shard in ClusterDirectory.All(GrainFactory))
            _ = shard.BroadcastAsync(snapshot);
    }

    private List<FleetError> Errors()
    {
        var errors = new List<FleetError>();
        if (S.DefinitionError is not null)
            errors.Add(S.DefinitionError);
        if (S.SourceError is not null)
            errors.Add(S.SourceError);
        errors.AddRange(S.Groups.Where(g => g.Error is not null).Select(g => g.Error!));
        return errors;
    }

    private static (string, string, string) Shape(GroupSpec g) => (g.Name, g.Path, g.Selector);
}
