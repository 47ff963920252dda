using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// One store's cluster (key: cluster id). Owns its registry labels (and what its agent reports beside them), memberships and desired generation, and
/// publishes its retained desired state; ingests what its agent reports.
/// </summary>
internal interface IClusterGrain : IGrainWithStringKey
{
    /// <summary>Registration (or re-registration) with initial labels; publishes the first desired state.</summary>
    Task InitializeAsync(IReadOnlyDictionary<string, string> labels, DateTimeOffset registeredAt);

    /// <summary>
    /// Deregistration: the cluster leaves its groups and its state and journal are deleted, so a new registration
    /// of the id starts afresh. False when it was not registered.
    /// </summary>
    Task<bool> DeregisterAsync();

    /// <summary>
    /// On hub start: re-derive and republish desired state, and report to the directory and groups (returns once
    /// they have the reports). Answers what of the stored state had to be set aside, null when it was read whole.
    /// </summary>
    Task<string?> ResumeAsync();

    /// <summary>Brings the cluster up to a snapshot; a publish that fails is retried by the cluster itself.</summary>
    Task ApplySnapshotAsync(FleetSnapshot snapshot);

    // Wire messages are wrapped in Immutable<T>: nothing changes them after parsing, and unwrapped
    // Orleans would deep-copy each one (a JSON round trip for shared types) on every local call.

    Task<IngestOutcome> HelloAsync(Immutable<HelloMessage> hello);

    Task<IngestOutcome> StatusAsync(Immutable<StatusMessage> status);

    Task<IngestOutcome> JournalAsync(Immutable<JournalMessage> journal);

    Task<IngestOutcome> PresenceAsync(Immutable<PresenceMessage> presence);

    /// <summary>A group's rollout releases a target to this cluster; answers with its member report, null when not a member.</summary>
    Task<MemberReport?> ReleaseAsync(string group, Release release);

    /// <summary>Abort: the cluster forgets its release of the group and goes back to the stable target; <paramref name="note"/> tells its agent why.</summary>
    Task<MemberReport?> WithdrawAsync(string group, string note);

    /// <summary>Holds the group at <paramref name="target"/>, or with null lets go of a pin.</summary>
    Task<PinOutcome> PinAsync(string group, TargetRef? target);

    /// <summary>An operator's change to the registry labels (set, then remove), recorded with <paramref name="actor"/>.</summary>
    Task<LabelOutcome> RelabelAsync(IReadOnlyDictionary<string, string> set, IReadOnlyList<string> remove, string actor);

    /// <summary>Null when the cluster is not registered.</summary>
    [AlwaysInterleave]
    Task<ClusterDetail?> GetDetailAsync(int recentEvents);

    /// <summary>What each group (or only <paramref name="group"/>) owns on the store, as its agent last reported; null when not registered.</summary>
    [AlwaysInterleave]
    Task<ClusterObjects?> GetObjectsAsync(string? group);
}
