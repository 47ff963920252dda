namespace FleetOps.Shared.Contracts;

/// <summary>
/// One thing that happened on a store. <see cref="Seq"/> is monotonic per cluster and never reused;
/// <see cref="At"/> is when it happened, not when it was sent. <see cref="Kind"/> is one of
/// <see cref="JournalEventKinds"/>.
/// </summary>
public sealed record JournalEvent(
    long Seq,
    DateTimeOffset At,
    string Kind,
    string? Group = null,
    string? Revision = null,
    string? Detail = null);
