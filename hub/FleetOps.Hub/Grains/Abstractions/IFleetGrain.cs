using FleetOps.Shared.Api;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// The fleet's definitions and targets (one grain, key <see cref="Key"/>). It decides which targets move
/// and hands every new snapshot to the directory shards, which bring every cluster up to it; the git
/// watcher only feeds it what it found.
/// </summary>
internal interface IFleetGrain : IGrainWithStringKey
{
    const string Key = "fleet";

    /// <summary>A new head with a valid fleet.yaml: replaces the definitions, moves targets whose digest changed.</summary>
    Task<FleetCommitOutcome> ApplyCommitAsync(FleetCommit commit);

    /// <summary>A new head whose fleet.yaml was refused: keep everything, show the errors.</summary>
    Task RecordDefinitionErrorsAsync(string head, IReadOnlyList<FleetError> errors);

    /// <summary>
    /// A new head not signed by a trusted key: keep everything, show the error. The head is not taken as processed,
    /// so the next poll checks it again (a key added to the hub's trusted keys takes effect then). True when the
    /// error shown changed.
    /// </summary>
    Task<bool> RecordUntrustedCommitAsync(FleetError error);

    /// <summary>The repository could not be polled; null clears the error after a good poll.</summary>
    Task RecordSourceErrorAsync(FleetError? error);

    /// <summary>A group's rollout of the target with <paramref name="seq"/> completed: it becomes the group's stable target.</summary>
    Task MarkStableAsync(string group, long seq);

    /// <summary>promote --now: members may apply <paramref name="revision"/> of the group outside their windows.</summary>
    Task IgnoreWindowsAsync(string group, string revision);

    [AlwaysInterleave]
    Task<FleetSnapshot> GetSnapshotAsync();

    [AlwaysInterleave]
    Task<FleetStatus> GetStatusAsync();
}
