namespace FleetOps.Shared.Contracts;

/// <summary>
/// agent → hub, inside a status and only when it changed: what one group owns on the store, each object with its
/// health as last judged. Bounded so a huge group cannot blow the payload limit: past <see cref="MaxObjects"/> the
/// rest are only counted per kind (<see cref="More"/>), largest kinds first, at most <see cref="MaxKinds"/> of them.
/// </summary>
public sealed record GroupInventory(string Group, IReadOnlyList<InventoryObject> Objects, IReadOnlyList<KindCount> More)
{
    public const int MaxObjects = 100;

    public const int MaxKinds = 50;

    /// <summary>Every object the group owns: the listed ones and the counted ones.</summary>
    public int Total => Objects.Count + More.Sum(k => k.Count);

    /// <summary>How many objects of a kind the group owns, listed or counted.</summary>
    public int CountOf(string kind) => Objects.Count(o => o.Kind == kind) + More.Where(k => k.Kind == kind).Sum(k => k.Count);

    public bool Equals(GroupInventory? other) =>
        other is not null && Group == other.Group && Objects.SequenceEqual(other.Objects) && More.SequenceEqual(other.More);

    public override int GetHashCode() => HashCode.Combine(Group, Objects.Count, More.Count);

    /// <summary>Lists the first <see cref="MaxObjects"/> objects (in the order given) and counts the rest per kind.</summary>
    public static GroupInventory Of(string group, IReadOnlyList<InventoryObject> objects)
    {
        var more = objects.Skip(MaxObjects).GroupBy(o => o.Kind, StringComparer.Ordinal)
            .Select(g => new KindCount(g.Key, g.Count())).OrderByDescending(k => k.Count).ThenBy(k => k.Kind, StringComparer.Ordinal).ToList();
        if (more.Count > MaxKinds)
            more = [.. more.Take(MaxKinds - 1), new KindCount(KindCount.OtherKinds, more.Skip(MaxKinds - 1).Sum(k => k.Count))];
        return new GroupInventory(group, objects.Take(MaxObjects).ToList(), more);
    }
}
