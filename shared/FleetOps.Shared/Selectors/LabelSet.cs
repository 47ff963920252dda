namespace FleetOps.Shared.Selectors;

/// <summary>
/// A cluster's labels as a whole: every key and value by Kubernetes' rules (<see cref="LabelSyntax"/>) and at
/// most <see cref="MaxLabels"/> of them, so what a cluster is registered with can always be selected and shown,
/// and no registration can store a megabyte value or twenty thousand labels. One rule for the CLI's
/// <c>-l</c>, the register API and (later) what agents report.
/// </summary>
public static class LabelSet
{
    /// <summary>Generous for a store (region, ring, country, store number, time zone, ...), small enough to keep a listing cheap.</summary>
    public const int MaxLabels = 64;

    /// <summary>How much of an offending key or value an error message quotes.</summary>
    private const int Quoted = 40;

    /// <summary>Why <paramref name="labels"/> cannot be a cluster's labels (the first problem, naming its label), or null.</summary>
    public static string? Validate(IReadOnlyDictionary<string, string> labels)
    {
        if (labels.Count > MaxLabels)
            return $"a cluster has at most {MaxLabels} labels, not {labels.Count}";
        foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            // Typed non-null, but JSON can still say null.
            if (value is null)
                return $"label '{Quote(key)}' has no value (use \"\" for an empty one)";
            if (ValidatePair(key, value) is { } problem)
                return problem;
        }
        return null;
    }

    /// <summary>Why <paramref name="key"/>=<paramref name="value"/> is not a label, or null.</summary>
    public static string? ValidatePair(string key, string value)
    {
        if (LabelSyntax.ValidateKey(key) is { } keyProblem)
            return $"label '{Quote(key)}={Quote(value)}': the key is not valid: {keyProblem}";
        if (LabelSyntax.ValidateValue(value) is { } valueProblem)
            return $"label '{Quote(key)}={Quote(value)}': the value is not valid: {valueProblem}";
        return null;
    }

    /// <summary>Long text is cut, so an error about a megabyte value is not a megabyte long.</summary>
    private static string Quote(string text) => text.Length <= Quoted ? text : $"{text[..Quoted]}... ({text.Length} characters)";
}
