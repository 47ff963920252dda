using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Messaging;
using FleetOps.Hub.Metrics;
using FleetOps.Hub.Storage;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Grains;

/// <summary>
/// One cluster: decides its memberships and desired generation from the fleet snapshot and its labels
/// (<see cref="DesiredPlan"/>), publishes its retained desired state, and ingests what its agent reports.
/// This file holds the lifecycle and ingest of hello, status and presence; the partial files beside it
/// hold the journal, desired state, reports and the detail view.
/// </summary>
internal partial class ClusterGrain(
    [PersistentState("cluster", HubStorage.Name)] IPersistentState<ClusterState> state,
    IAgentTransport transport,
    IJournalStore journal,
    PresenceEpoch epoch,
    IOptions<HubOptions> hubOptions,
    IOptions<SourceOptions> sourceOptions,
    TimeProvider time,
    HubMetrics metrics,
    ILogger<ClusterGrain> logger) : Grain, IClusterGrain
{
    private ClusterState S => state.State;

    private string Id => this.GetPrimaryKeyString();

    private IFleetGrain Fleet => GrainFactory.GetGrain<IFleetGrain>(IFleetGrain.Key);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        publishing = new CatchUp(this, _ => CatchUpDesiredAsync());
        reporting = new CatchUp(this, _ => CatchUpReportsAsync());
        // The journal store, not this state, is the durable record of what was acknowledged: journal
        // batches are acknowledged after one write (the events) rather than two.
        if (S.Registered && await journal.LatestAsync(Id, 1, cancellationToken) is [var newest])
            S.AckedSeq = Math.Max(S.AckedSeq, newest.Event.Seq);
        stateProblem = StoredStateRepair.Repair(S);
        if (stateProblem is not null)
            logger.LogWarning("Cluster {Cluster}: {Problem}", Id, stateProblem);
        AwaitPresence();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Journal batches update "last seen" without a write of their own; keep it when going idle.
        if (S.Registered && unsavedSeen)
            await SaveAsync();
    }

    public async Task InitializeAsync(IReadOnlyDictionary<string, string> labels, DateTimeOffset registeredAt)
    {
        if (!S.Registered)
            S.RegisteredAt = registeredAt;
        S.Registered = true;
        S.Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal);
        S.LabelsChangedBy = null;
        S.LabelsChangedAt = null;
        await ReconcileDesiredAsync(await Fleet.GetSnapshotAsync(), republish: false, forceWrite: true);
        Report(force: true);
    }

    /// <summary>On hub start; answers once the groups and shard have this cluster's report, so readiness means every member is known.</summary>
    public async Task<string?> ResumeAsync()
    {
        if (!S.Registered)
            return null;
        await ReconcileDesiredAsync(await Fleet.GetSnapshotAsync(), republish: true);
        AwaitPresence();
        await ReportAndWaitAsync(force: true);
        return stateProblem;
    }

    /// <summary>Answers once the groups have this cluster's membership at the snapshot, so a rollout that starts with it knows its members.</summary>
    public async Task ApplySnapshotAsync(FleetSnapshot snapshot)
    {
        if (!S.Registered || snapshot.Version <= S.SnapshotVersion)
            return;
        await ReconcileDesiredAsync(snapshot, republish: false);
        await ReportAndWaitAsync(force: false);
    }

    public async Task<IngestOutcome> HelloAsync(Immutable<HelloMessage> message)
    {
        var hello = message.Value;
        if (!S.Registered)
            return IngestOutcome.UnknownCluster;
        var before = SelectionLabels;
        TakeReportedLabels(hello);
        var labelsChanged = !StringMaps.Same(before, SelectionLabels);
        S.AgentVersion = hello.AgentVersion;
        S.KubernetesVersion = hello.KubernetesVersion;
        S.Renderer = hello.Renderer;
        S.AgentGeneration = hello.Generation;
        RebaseJournal(hello);
        S.HasReported = true;
        Seen();
        SetPresence(PresenceState.Online, hello.At);

        // An agent holding a generation the hub never issued (its data was reset) would ignore every
        // desired message below it, so the next one must jump above it.
        var mustJump = hello.Generation > S.Generation;
        if (mustJump)
            logger.LogWarning("Cluster {Cluster} holds generation {AgentGeneration} above the hub's {Generation}; reissuing above it",
                Id, hello.Generation, S.Generation);
        await SaveAsync();

        if (labelsChanged || mustJump)
            await ReconcileDesiredAsync(await Fleet.GetSnapshotAsync(), republish: false, forceNewGeneration: mustJump);
        else if (publishedGeneration < S.Generation)
            await PublishDesiredAsync();
        Report(force: false);
        return IngestOutcome.Accepted;
    }

    public async Task<IngestOutcome> StatusAsync(Immutable<StatusMessage> message)
    {
        if (!S.Registered)
            return IngestOutcome.UnknownCluster;
        if (IsOutOfOrder(message.Value))
        {
            // Still a sign of life; the newer status (and the inventories it brought) stays.
            Seen();
            unsavedSeen = true;
            return IngestOutcome.Accepted;
        }
        var inventoriesChanged = TakeInventories(message.Value);
        // An idle agent's heartbeat is its unchanged status sent again: it says "alive", which "last seen" records
        // without a storage write (the next change, hello, presence or deactivation carries it).
        var heartbeat = S.HasReported && S.LastStatus is { } last && StatusRules.SameExceptTime(last, message.Value) && !inventoriesChanged;
        // The inventories are kept per group (TakeInventories), not twice.
        S.LastStatus = message.Value.Inventories is null ? message.Value : message.Value with { Inventories = null };
        stateProblem = null;
        S.HasReported = true;
        Seen();
        S.StatusReceivedAt = S.LastSeen;
        if (heartbeat)
            unsavedSeen = true;
        else
            await SaveAsync();
        Report(force: false);
        return IngestOutcome.Accepted;
    }

    public async Task<IngestOutcome> PresenceAsync(Immutable<PresenceMessage> message)
    {
        var presence = message.Value;
        if (!S.Registered)
            return IngestOutcome.UnknownCluster;
        // Taken in arrival order, not by the agent's timestamp: a will is stamped when its connection
        // started, before that connection's "online", and the broker publishes a replaced connection's
        // will before the new connection can say anything.
        SetPresence(presence.State, presence.At);
        S.PresenceConfirmedAt = time.GetUtcNow();
        if (presence.State == PresenceState.Online)
            Seen();
        await SaveAsync();
        Report(force: false);
        return IngestOutcome.Accepted;
    }

    /// <summary>
    /// How far apart two reordered messages can be: silos reorder one agent's messages by moments, so a status sent
    /// more than this before the one held (by the agent's clock), or arriving this long after it, is no reordering but
    /// an agent whose clock was set back (store hours are tested that way), and is taken.
    /// </summary>
    private static readonly TimeSpan ReorderWindow = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Silos share the agents' topics, so the broker may hand two statuses of one agent to two silos that deliver them
    /// here in the other order: one the agent sent just before the status held must not replace it. A status for a
    /// newer desired generation is never older.
    /// </summary>
    private bool IsOutOfOrder(StatusMessage status) =>
        S.LastStatus is { } held && status.Generation <= held.Generation
        && status.At < held.At && held.At - status.At < ReorderWindow
        && S.StatusReceivedAt is { } heldArrived && time.GetUtcNow() - heldArrived < ReorderWindow;

    private bool unsavedSeen;

    /// <summary>What <see cref="StoredStateRepair"/> set aside at activation, shown with the cluster until its agent reports again.</summary>
    private string? stateProblem;

    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        unsavedSeen = false;
    }

    // Whatever the agent says, it says it now: that confirms its presence too.
    private void Seen() => S.LastSeen = S.PresenceConfirmedAt = time.GetUtcNow();

    private void SetPresence(PresenceState presence, DateTimeOffset at)
    {
        if (S.Presence != presence)
            S.PresenceSince = time.GetUtcNow();
        S.Presence = presence;
        S.PresenceAt = at;
    }
}
