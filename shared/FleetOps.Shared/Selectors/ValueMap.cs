using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace FleetOps.Shared.Selectors;

/// <summary>
/// An immutable string map that compares by its entries and enumerates in ordinal key order, so
/// two maps with the same entries are equal and print the same way whatever order they were built in.
/// </summary>
internal sealed class ValueMap : IReadOnlyDictionary<string, string>, IEquatable<ValueMap>
{
    private readonly Dictionary<string, string> lookup;
    private readonly KeyValuePair<string, string>[] sorted;

    private ValueMap(Dictionary<string, string> lookup)
    {
        this.lookup = lookup;
        sorted = [.. lookup.OrderBy(entry => entry.Key, StringComparer.Ordinal)];
    }

    public static ValueMap Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Copies <paramref name="source"/>; null (a field missing from JSON) becomes empty.</summary>
    public static ValueMap From(IEnumerable<KeyValuePair<string, string>>? source) => source switch
    {
        null => Empty,
        ValueMap map => map,
        _ => new(new Dictionary<string, string>(source, StringComparer.Ordinal)),
    };

    public int Count => sorted.Length;

    public string this[string key] => lookup[key];

    public IEnumerable<string> Keys => sorted.Select(entry => entry.Key);

    public IEnumerable<string> Values => sorted.Select(entry => entry.Value);

    public bool ContainsKey(string key) => lookup.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => lookup.TryGetValue(key, out value);

    public bool Equals(ValueMap? other)
    {
        if (other is null || other.Count != Count)
            return false;
        foreach (var (key, value) in sorted)
        {
            if (!other.lookup.TryGetValue(key, out var otherValue) || !string.Equals(value, otherValue, StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is ValueMap other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in sorted)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)sorted).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{{{string.Join(", ", sorted.Select(entry => $"{entry.Key}: {entry.Value}"))}}}";
}
