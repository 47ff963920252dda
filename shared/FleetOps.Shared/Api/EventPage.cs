namespace FleetOps.Shared.Api;

/// <summary>
/// <c>GET /api/v1/events</c>: journal events of every store, newest first (by the store's time, then cluster and
/// seq), filtered by <see cref="Kind"/> and <see cref="Group"/> when given, with <see cref="Since"/> ≤ at &lt;
/// <see cref="Until"/>. Each event names its <see cref="EventView.ClusterId"/>. <see cref="More"/> says a next page exists.
/// </summary>
public sealed record EventPage(
    string? Kind,
    string? Group,
    DateTimeOffset Since,
    DateTimeOffset? Until,
    int Page,
    int PageSize,
    IReadOnlyList<EventView> Events,
    bool More);
