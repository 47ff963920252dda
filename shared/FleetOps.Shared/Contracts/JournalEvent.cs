namespace FleetOps.Shared.Contracts;

/// <summary>
/// One thing that happened on a store. <see cref="Seq"/> is monotonic per cluster and never reused;
/// <see cref="At"/> is when it happened, not when it was sent. <see cref="Kind"/> is one of
/// <see cref="JournalEventKinds"/>. A <see cref="JournalEventKinds.Compacted"/> event stands for the seqs
/// <see cref="FirstSeq"/> to <see cref="Seq"/>, so the hub can tell a run folded by the agent from a gap;
/// on every other event it is null.
/// </summary>
public sealed record JournalEvent(
    long Seq,
    DateTimeOffset At,
    string Kind,
    string? Group = null,
    string? Revision = null,
    string? Detail = null,
    long? FirstSeq = null)
{
    /// <summary>The first seq this event stands for: its own, or the first one a compaction folded into it.</summary>
    public long CoversFrom => FirstSeq ?? Seq;
}
