namespace FleetOps.Shared.Fleet.Parsing;

/// <summary>
/// The fields of one mapping, checked against the names allowed there: an unknown name is reported
/// with the nearest known one, a repeated name with the line of its first use.
/// </summary>
internal sealed class FieldSet
{
    private readonly Dictionary<string, MappingEntry> fields = new(StringComparer.Ordinal);

    private FieldSet()
    {
    }

    public MappingEntry? this[string name] => fields.GetValueOrDefault(name);

    public static FieldSet Read(MappingNode mapping, IReadOnlyList<string> known, ErrorScope scope)
    {
        var set = new FieldSet();
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key is not ScalarNode { IsNull: false } key)
            {
                scope.Report(FleetYamlErrorCode.UnknownField, entry.Key, $"{entry.Key.Describe()} cannot be a field name (known fields here: {string.Join(", ", known)})");
                continue;
            }
            if (!known.Contains(key.Value, StringComparer.Ordinal))
            {
                var hint = DidYouMean.Nearest(key.Value, known) is { } nearest
                    ? $"did you mean '{nearest}'?"
                    : $"known fields here: {string.Join(", ", known)}";
                scope.Report(FleetYamlErrorCode.UnknownField, key, $"unknown field '{key.Value}' ({hint})");
                continue;
            }
            if (set.fields.TryGetValue(key.Value, out var first))
            {
                scope.Report(FleetYamlErrorCode.DuplicateField, key, $"field '{key.Value}' is given twice (first on line {first.Key.Line}; keep one)");
                continue;
            }
            set.fields.Add(key.Value, entry);
        }
        return set;
    }

    /// <summary>
    /// The text of a field that takes text. Null when the field is absent or empty (the caller knows
    /// what "missing" means there) or when it holds a list or mapping (reported here).
    /// </summary>
    public string? Text(string name, ErrorScope scope)
    {
        if (this[name] is not { } entry)
            return null;
        switch (entry.Value)
        {
            case ScalarNode { IsNull: true }:
                return null;
            case ScalarNode scalar:
                return scalar.Value;
            default:
                scope.Report(FleetYamlErrorCode.NotText, entry.Value, $"{name} must be text, not {entry.Value.Describe()}");
                return null;
        }
    }

    /// <summary>True when the field is present with a value that is not text (already reported by <see cref="Text"/>).</summary>
    public bool HasNonText(string name) => this[name] is { Value: not ScalarNode };
}
