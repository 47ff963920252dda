namespace FleetOps.Shared.Contracts;

/// <summary>
/// One thing that happened on a store. <see cref="Seq"/> is monotonic per cluster and never reused;
/// <see cref="At"/> is when it happened, not when it was sent. <see cref="Kind"/> is one of
/// <see cref="JournalEventKinds"/>. A <see cref="JournalEventKinds.Compacted"/> event stands for the seqs
/// <see cref="FirstSeq"/> to <see cref="Seq"/>, so the hub can tell a run folded by the agent from a gap;
/// on every other event it is null. <see cref="Changes"/> says, for an Applied or DriftCorrected event, what each
/// write changed (bounded by <see cref="ObjectChange.MaxObjects"/>); null from an agent older than the field, and for
/// other kinds.
/// </summary>
public sealed record JournalEvent(
    long Seq,
    DateTimeOffset At,
    string Kind,
    string? Group = null,
    string? Revision = null,
    string? Detail = null,
    long? FirstSeq = null,
    IReadOnlyList<ObjectChange>? Changes = null)
{
    /// <summary>The first seq this event stands for: its own, or the first one a compaction folded into it.</summary>
    public long CoversFrom => FirstSeq ?? Seq;

    // Value equality all the way down: an event read back from the outbox or the hub equals the one journaled.
    public bool Equals(JournalEvent? other) =>
        other is not null && Seq == other.Seq && At == other.At && Kind == other.Kind && Group == other.Group && Revision == other.Revision
        && Detail == other.Detail && FirstSeq == other.FirstSeq
        && (Changes is null ? other.Changes is null : other.Changes is not null && Changes.SequenceEqual(other.Changes));

    public override int GetHashCode() => HashCode.Combine(Seq, At, Kind, Group, Revision, Detail, FirstSeq, Changes?.Count);
}
