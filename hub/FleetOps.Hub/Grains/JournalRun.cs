using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Grains;

/// <summary>
/// Which events of a journal batch the hub may store and acknowledge: only those that continue, without a gap, the
/// run it already has (agent seqs up to <c>acked</c>). Each seq is allocated one at a time by the agent, so a gap
/// is never the agent's doing; a compaction folds a run into one event that says where the run began
/// (<see cref="JournalEvent.FirstSeq"/>), and may only fold seqs the agent said in its hello it had allocated.
/// Acknowledging past a gap would tell the agent to delete events the hub never stored.
/// </summary>
/// <param name="Fresh">The events to store, in order: after them the run ends at the last one's seq.</param>
/// <param name="Refused">Why the rest of the batch was refused (not stored, not acknowledged), or null.</param>
internal sealed record JournalRun(IReadOnlyList<JournalEvent> Fresh, string? Refused)
{
    /// <param name="acked">The last agent seq of the stored run.</param>
    /// <param name="allocated">The agent's last seq when it last said hello: what a compaction may reach.</param>
    public static JournalRun Take(IReadOnlyList<JournalEvent> events, long acked, long allocated)
    {
        var fresh = new List<JournalEvent>();
        var next = acked + 1;
        foreach (var e in events)
        {
            // Redelivered (an ack was lost): already stored, acknowledged again.
            if (e.Seq < next)
                continue;
            if (e.CoversFrom > next)
                return new JournalRun(fresh, $"seq {e.CoversFrom} does not continue the stored run, which ends at {next - 1}");
            if (e.FirstSeq is not null && e.Seq > Math.Max(allocated, acked))
                return new JournalRun(fresh, $"a {JournalEventKinds.Compacted} event reaching seq {e.Seq} folds more than the {allocated} seqs the agent said it had allocated");
            fresh.Add(e);
            next = e.Seq + 1;
        }
        return new JournalRun(fresh, null);
    }
}
