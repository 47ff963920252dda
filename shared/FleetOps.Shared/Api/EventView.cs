namespace FleetOps.Shared.Api;

/// <summary>
/// A journal event as stored by the hub; <see cref="At"/> is when it happened on the store, by the store's clock;
/// <see cref="ReceivedAt"/> is when the hub got it, by the hub's (null for events stored before it was kept). They
/// differ by the time an event waited while the store was offline, and by how far the store's clock is off.
/// </summary>
public sealed record EventView(
    long Seq,
    DateTimeOffset At,
    string Kind,
    string? Group,
    string? Revision,
    string? Detail,
    DateTimeOffset? ReceivedAt = null);
