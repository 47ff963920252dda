namespace FleetOps.Hub.Api;

/// <summary>The few known names closest to one that was not found, for "did you mean" in 404 answers.</summary>
public static class Nearest
{
    public static IReadOnlyList<string> To(string wanted, IEnumerable<string> known, int count = 3)
    {
        var limit = Math.Max(3, wanted.Length / 2);
        return known
            .Select(name => (Name: name, Distance: Distance(wanted, name)))
            .Where(x => x.Distance <= limit)
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Name)
            .ToList();
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
