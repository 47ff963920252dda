using FleetOps.Shared.Contracts;

namespace FleetOps.Shared.Api;

/// <summary>
/// A journal event as stored by the hub; <see cref="At"/> is when it happened on the store, by the store's clock;
/// <see cref="ReceivedAt"/> is when the hub got it, by the hub's (null for events stored before it was kept). They
/// differ by the time an event waited while the store was offline, and by how far the store's clock is off.
/// <see cref="Changes"/> is what each write of an Applied or DriftCorrected event changed (null when the agent did not say).
/// <see cref="ClusterId"/> is set where events of many clusters are listed together (<c>/api/v1/events</c>).
/// </summary>
public sealed record EventView(
    long Seq,
    DateTimeOffset At,
    string Kind,
    string? Group,
    string? Revision,
    string? Detail,
    DateTimeOffset? ReceivedAt = null,
    IReadOnlyList<ObjectChange>? Changes = null,
    string? ClusterId = null);
