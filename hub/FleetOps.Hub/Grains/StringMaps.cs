namespace FleetOps.Hub.Grains;

/// <summary>Labels and selectors kept as string maps: equal when they hold the same keys with the same values, whatever the order.</summary>
internal static class StringMaps
{
    public static bool Same(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(entry => b.TryGetValue(entry.Key, out var value) && value == entry.Value);
}
