namespace FleetOps.Shared.Api;

/// <summary>
/// <c>GET /api/v1/clusters/{id}/history</c>: journal events with <see cref="Since"/> ≤ at &lt; <see cref="Until"/>
/// in seq order; <see cref="Truncated"/> says the limit cut the list (ask again from the last event's time).
/// </summary>
public sealed record HistoryPage(
    string ClusterId,
    DateTimeOffset? Since,
    DateTimeOffset? Until,
    IReadOnlyList<EventView> Events,
    bool Truncated);
