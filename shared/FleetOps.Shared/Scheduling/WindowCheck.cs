namespace FleetOps.Shared.Scheduling;

/// <summary>
/// Whether a window is open at one instant. Open: <see cref="ClosesAt"/> says until when. Closed:
/// <see cref="OpensAt"/> says when it opens next. Both carry the zone's offset at that instant.
/// <see cref="Problem"/> is a sentence worth reporting once (such as a time zone the store does not know).
/// </summary>
public sealed record WindowCheck(bool IsOpen, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, string? Problem);
