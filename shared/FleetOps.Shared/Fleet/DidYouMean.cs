namespace FleetOps.Shared.Fleet;

/// <summary>
/// Suggests the nearest known spelling for a mistyped field name or path, by edit distance
/// (insertions, deletions, substitutions and swaps of neighbours each cost one).
/// </summary>
public static class DidYouMean
{
    /// <summary>
    /// The candidate closest to <paramref name="input"/>, or null when none is close. Case differences
    /// are free when choosing. A candidate must be close both overall and within the part that differs,
    /// so under a long shared prefix a sibling ('apps/pos/north' for 'apps/pos/east') is not offered.
    /// Ties go to the ordinally first candidate, so suggestions are stable.
    /// </summary>
    public static string? Nearest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (string.Equals(candidate, input, StringComparison.Ordinal))
                continue;
            var distance = Distance(input.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance && IsClose(input, candidate, distance))
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>
    /// Up to <paramref name="count"/> known names near one that was not found (a cluster id, a group name),
    /// nearest first, ties in ordinal order. Looser than <see cref="Nearest"/>: an operator choosing among
    /// ids like <c>store-0041</c> and <c>store-0043</c> wants to see both.
    /// </summary>
    public static IReadOnlyList<string> Closest(string input, IEnumerable<string> candidates, int count = 3)
    {
        var limit = Math.Max(3, input.Length / 2);
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Select(name => (Name: name, Distance: Distance(input, name)))
            .Where(x => x.Distance <= limit)
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Name)
            .ToList();
    }

    /// <summary><c> (did you mean 'x'?)</c> with a leading space, or the empty string when nothing is close.</summary>
    public static string Hint(string input, IEnumerable<string> candidates) =>
        Nearest(input, candidates) is { } nearest ? $" (did you mean '{nearest}'?)" : "";

    /// <summary>Optimal string alignment distance, ordinal.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    private static bool IsClose(string input, string candidate, int distance)
    {
        var a = input.ToLowerInvariant();
        var b = candidate.ToLowerInvariant();
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
            prefix++;
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
            suffix++;
        var differing = Math.Max(a.Length, b.Length) - prefix - suffix;
        return distance <= Math.Max(1, Math.Min(a.Length, b.Length) / 3)
            && distance <= Math.Max(1, differing / 2);
    }
}
