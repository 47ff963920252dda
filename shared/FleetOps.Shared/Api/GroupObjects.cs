using FleetOps.Shared.Contracts;

namespace FleetOps.Shared.Api;

/// <summary>
/// What one group owns on one store (kind, namespace, name, health), as its agent last reported it (<see cref="ReportedAt"/>,
/// hub time). A big group lists its first objects and counts the rest per kind (<see cref="More"/>); <see cref="Total"/> is
/// all of them. <see cref="Leaving"/>: the store no longer belongs to the group and is pruning what it owns.
/// </summary>
public sealed record GroupObjects(
    string Group,
    bool Leaving,
    int Total,
    IReadOnlyList<InventoryObject> Objects,
    IReadOnlyList<KindCount> More,
    DateTimeOffset? ReportedAt);
