namespace FleetOps.Shared.Api;

/// <summary>
/// <c>GET /api/v1/clusters/{id}/history</c>: journal events with <see cref="Since"/> ≤ at &lt; <see cref="Until"/>
/// (the store's times) and seq above <see cref="After"/>, in seq order; <see cref="Truncated"/> says the limit cut
/// the list: ask again with <c>after</c> = the last event's seq. Pages go by seq, not by time, because a store's
/// clock may step back: a page that continued from the last event's time would skip what was stamped earlier.
/// </summary>
public sealed record HistoryPage(
    string ClusterId,
    DateTimeOffset? Since,
    DateTimeOffset? Until,
    IReadOnlyList<EventView> Events,
    bool Truncated,
    long? After = null);
