using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Reconcile;
using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Rendering;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.Link;

/// <summary>
/// The agent's side of the conversation with the hub. On every connect: hello, then the status
/// snapshot, then every unacknowledged journal event in seq order. While connected: status on change,
/// new events as they are written. Inbound: desired state to the intake, acks trim the journal.
/// </summary>
public sealed class HubSession(
    AgentOptions options,
    IHubLink link,
    IAgentStore store,
    StatusBoard board,
    DesiredStateIntake intake,
    IResourceManager resources,
    TimeProvider time,
    ILogger<HubSession> logger,
    RendererDetection? renderer = null) : IHubLinkHandler
{
    /// <summary>Events per journal message at most; fewer when their size would pass the payload limit.</summary>
    public const int MaxBatch = 500;

    private static readonly string AgentVersion =
        typeof(HubSession).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private const int MaxDistinctErrorsLogged = 10;

    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Journal events not acknowledged this long after they went out are sent again from the hub's ack: an external
    /// broker drops what nobody subscribes to (a store back from a broker restart before the hub is), and the
    /// connection that would resend them on reconnect may never drop again. The hub takes each seq once.
    /// </summary>
    public static readonly TimeSpan AckPatience = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly Signal pending = new();
    private long sentSeq;

    /// <summary>UTC ticks of the last status or journal message that went out (the heartbeat counts from it).</summary>
    private long lastSentTicks;

    /// <summary>UTC ticks of the last journal message that went out (<see cref="AckPatience"/> counts from it).</summary>
    private long journalSentTicks;
    private bool statusDirty = true;

    /// <summary>The link refused the last status: a heartbeat then waits for the next look rather than going again at once.</summary>
    private bool statusRefused;
    private string? kubernetesVersion;

    /// <summary>
    /// Each group's inventory as last sent on this connection: a status carries only the ones that differ, so a heartbeat
    /// costs no inventory. Emptied on connect, so a new connection (a restarted hub among them) gets them all once.
    /// </summary>
    private readonly Dictionary<string, GroupInventory> sentInventories = new(StringComparer.Ordinal);

    /// <summary>Something new to send (a status change, a journal event): wakes the sender.</summary>
    public void Kick()
    {
        pending.Set();
    }

    /// <summary>A status changed: send the snapshot at the next flush.</summary>
    public void StatusChanged()
    {
        Volatile.Write(ref statusDirty, true);
        pending.Set();
    }

    /// <summary>
    /// The sender loop: flushes whenever kicked while connected. Every event and status change kicks it; a slow
    /// timer is the safety net; with nothing sent for a heartbeat interval the status goes out again, so the hub
    /// hears from an idle store and takes silence for what it is. It ends only on stop: an error from the link or the
    /// store is logged once per distinct error and retried with backoff, because a sender that died would cut the hub
    /// off for good.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var logged = new HashSet<string>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (failures > 0)
                    await Task.Delay(Backoff.Delay(failures, options.Link.MinReconnectDelay, options.Link.MaxReconnectDelay), time, cancellationToken).ConfigureAwait(false);
                // A heartbeat that fell due while this loop was busy goes at once; one the link just refused waits.
                else if (!HeartbeatDue())
                    await pending.WaitAsync(UntilNextLook(), time, cancellationToken).ConfigureAwait(false);
                if (link.IsConnected)
                {
                    if (UntilHeartbeat() <= TimeSpan.Zero)
                        Volatile.Write(ref statusDirty, true);
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                    if (failures > 0)
                        logger.LogInformation("Sending to the hub works again after {Failures} failed attempts", failures);
                    logged.Clear();
                }
                // Not connected: the next connect flushes everything anyway.
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                // Once per distinct error until a flush succeeds: a store or broker failing for hours must not flood the log.
                if (logged.Count < MaxDistinctErrorsLogged && logged.Add($"{e.GetType().FullName}: {e.Message}"))
                    logger.LogWarning(e, "Sending status and journal to the hub failed: {Error}; retrying with backoff", e.Message);
            }
        }
    }

    public async Task OnConnectedAsync(CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            kubernetesVersion ??= await KubernetesVersionAsync(cancellationToken).ConfigureAwait(false);
            var renderers = await RendererAsync(cancellationToken).ConfigureAwait(false);
            var hello = new HelloMessage(
                WireVersion.Current,
                options.ClusterId,
                AgentVersion,
                options.Labels,
                kubernetesVersion,
                store.LoadDesired()?.Generation ?? 0,
                store.LastSeq,
                time.GetUtcNow(),
                renderers,
                store.AckedSeq);
            await link.PublishAsync(MessageKind.Hello, WireCodec.Serialize(hello), cancellationToken).ConfigureAwait(false);
            // Whatever was sent before the connection dropped may not have reached the hub: resend from its ack.
            sentSeq = store.AckedSeq;
            sentInventories.Clear();
            statusDirty = true;
        }
        finally
        {
            sending.Release();
        }
        store.RecordContact();
        store.Append(JournalEventKinds.Connected, detail: options.Broker?.ToString());
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public void OnDisconnected(string reason)
    {
        // The link was up until now: what a technician reads as "last contact" while the store is cut off.
        store.RecordContact();
        store.Append(JournalEventKinds.Disconnected, detail: reason);
    }

    public Task OnMessageAsync(MessageKind kind, string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case MessageKind.Desired:
                intake.Receive(topic, payload.Span);
                break;
            case MessageKind.Ack:
                var ack = WireCodec.Default.Parse<AckMessage>(topic, payload.Span);
                if (ack.IsOk)
                {
                    store.Acknowledge(ack.Message.Seq);
                    store.RecordContact();
                    logger.LogDebug("Hub acknowledged journal up to {Seq}", ack.Message.Seq);
                }
                else
                {
                    logger.LogWarning("Ignored ack on {Topic}: {Error}", topic, ack.Error.ToString());
                }
                break;
        }
        return Task.CompletedTask;
    }

    /// <summary>Sends the status if it changed, then the journal after what was already sent, in seq order.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref statusDirty))
            {
                // Cleared before the snapshot, so a change made while it is sent marks it dirty again.
                Volatile.Write(ref statusDirty, false);
                var published = false;
                try
                {
                    // Stamped before the publish: the heartbeat interval runs from when the status went out.
                    var at = time.GetUtcNow();
                    var groups = board.Snapshot();
                    var inventories = ChangedInventories(groups);
                    var payload = FitStatus(at, groups, inventories, out var heldBack);
                    published = await link.PublishAsync(MessageKind.Status, payload, cancellationToken).ConfigureAwait(false);
                    if (published)
                    {
                        Sent(at);
                        RecordSent(groups, inventories);
                        // Inventories that did not fit go in the next status, right after this one.
                        if (heldBack)
                            StatusChanged();
                    }
                }
                finally
                {
                    // Not sent (refused, or an error): the next flush sends it.
                    if (!published)
                        Volatile.Write(ref statusDirty, true);
                    Volatile.Write(ref statusRefused, !published);
                }
                if (!published)
                    return;
            }
            if (store.AckedSeq < sentSeq && time.GetUtcNow().UtcTicks - journalSentTicks >= AckPatience.Ticks)
            {
                logger.LogInformation("The hub has not acknowledged journal events {From} to {To} for {Patience}; sending them again",
                    store.AckedSeq + 1, sentSeq, AckPatience);
                sentSeq = store.AckedSeq;
            }
            while (true)
            {
                var events = store.ReadJournal(Math.Max(sentSeq, store.AckedSeq), MaxBatch);
                if (events.Count == 0)
                    return;
                var payload = Fit(events, out var count);
                var at = time.GetUtcNow();
                if (!await link.PublishAsync(MessageKind.Journal, payload, cancellationToken).ConfigureAwait(false))
                    return;
                Sent(at);
                journalSentTicks = at.UtcTicks;
                sentSeq = events[count - 1].Seq;
            }
        }
        finally
        {
            sending.Release();
        }
    }

    private void Sent(DateTimeOffset at) => Volatile.Write(ref lastSentTicks, at.UtcTicks);

    // The inventories of the groups in this status that the hub has not been sent as they are now.
    private List<GroupInventory> ChangedInventories(IReadOnlyList<GroupStatus> groups)
    {
        var reported = groups.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        return board.Inventories().Where(i => reported.Contains(i.Group) && !(sentInventories.TryGetValue(i.Group, out var sent) && sent.Equals(i))).ToList();
    }

    // A group gone from the status is gone from the hub's view too; sent again in full if it comes back.
    private void RecordSent(IReadOnlyList<GroupStatus> groups, List<GroupInventory> inventories)
    {
        foreach (var inventory in inventories)
            sentInventories[inventory.Group] = inventory;
        foreach (var gone in sentInventories.Keys.Except(groups.Select(g => g.Name), StringComparer.Ordinal).ToList())
            sentInventories.Remove(gone);
    }

    private bool HeartbeatDue() => link.IsConnected && UntilHeartbeat() <= TimeSpan.Zero && !Volatile.Read(ref statusRefused);

    private TimeSpan UntilHeartbeat() =>
        new DateTimeOffset(Volatile.Read(ref lastSentTicks), TimeSpan.Zero) + options.Link.Heartbeat - time.GetUtcNow();

    // The safety net, or the heartbeat when it is due sooner. Not connected: the next connect sends everything anyway.
    private TimeSpan UntilNextLook()
    {
        if (!link.IsConnected)
            return SafetyNet;
        var heartbeat = UntilHeartbeat();
        // Due and still not sent: the link refused the last one; look again soon, not at once.
        if (heartbeat <= TimeSpan.Zero)
            return options.Link.MinReconnectDelay;
        return heartbeat < SafetyNet ? heartbeat : SafetyNet;
    }

    // Leaves inventories out, last first, until the status fits under the wire limit (it lists at most 100 objects a group).
    private byte[] FitStatus(DateTimeOffset at, IReadOnlyList<GroupStatus> groups, List<GroupInventory> inventories, out bool heldBack)
    {
        var limit = WireCodec.Default.Options.MaxPayloadBytes - 1024;
        var generation = store.LoadDesired()?.Generation ?? 0;
        heldBack = false;
        while (true)
        {
            var payload = WireCodec.Serialize(new StatusMessage(WireVersion.Current, options.ClusterId, generation, at, groups, inventories.Count > 0 ? inventories : null));
            if (payload.Length <= limit || inventories.Count == 0)
                return payload;
            inventories.RemoveAt(inventories.Count - 1);
            heldBack = true;
        }
    }

    // Halves the batch until it fits under the wire limit (events carry at most 4 KiB of detail, so one always fits).
    private byte[] Fit(IReadOnlyList<JournalEvent> events, out int count)
    {
        var limit = WireCodec.Default.Options.MaxPayloadBytes - 1024;
        count = events.Count;
        while (true)
        {
            var payload = WireCodec.Serialize(new JournalMessage(WireVersion.Current, options.ClusterId, events.Take(count).ToList()));
            if (payload.Length <= limit || count == 1)
                return payload;
            count = Math.Max(1, count / 2);
        }
    }

    // Told to the hub so an operator sees which kustomize a store renders with; a hello does not wait long for it.
    private async Task<string?> RendererAsync(CancellationToken cancellationToken)
    {
        if (renderer is null)
            return null;
        try
        {
            return (await renderer.DetectAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false)).Describe();
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private async Task<string?> KubernetesVersionAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            return await resources.GetServerVersionAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
