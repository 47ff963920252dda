using System.Text.Json.Serialization;

namespace FleetOps.Shared.Selectors;

/// <summary>
/// One set-based requirement of a label selector, as in Kubernetes <c>matchExpressions</c>.
/// <see cref="Values"/> is kept sorted and without duplicates because Kubernetes treats it as a set:
/// requirements that select the same clusters compare equal and print the same way.
/// </summary>
public sealed record LabelSelectorRequirement(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("operator")] LabelSelectorOperator Operator,
    IReadOnlyList<string> Values)
{
    [JsonPropertyName("values")]
    public IReadOnlyList<string> Values { get; init => field = AsSet(value); } = AsSet(Values);

    public static LabelSelectorRequirement In(string key, params IEnumerable<string> values) =>
        new(key, LabelSelectorOperator.In, [.. values]);

    public static LabelSelectorRequirement NotIn(string key, params IEnumerable<string> values) =>
        new(key, LabelSelectorOperator.NotIn, [.. values]);

    public static LabelSelectorRequirement Exists(string key) => new(key, LabelSelectorOperator.Exists, []);

    public static LabelSelectorRequirement DoesNotExist(string key) => new(key, LabelSelectorOperator.DoesNotExist, []);

    /// <summary>
    /// Kubernetes semantics: NotIn and DoesNotExist also match when the key is absent, so
    /// <c>ring notin (canary)</c> selects clusters that carry no ring label at all.
    /// </summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelSelectorOperator.In => present && Contains(value!),
            LabelSelectorOperator.NotIn => !present || !Contains(value!),
            LabelSelectorOperator.Exists => present,
            LabelSelectorOperator.DoesNotExist => !present,
            _ => false,
        };
    }

    /// <summary>The kubectl string form: <c>tier in (a,b)</c>, <c>ring!=canary</c>, <c>legacy</c>, <c>!legacy</c>.</summary>
    public override string ToString() => Operator switch
    {
        LabelSelectorOperator.In => $"{Key} in ({string.Join(',', Values)})",
        LabelSelectorOperator.NotIn when Values.Count == 1 => $"{Key}!={Values[0]}",
        LabelSelectorOperator.NotIn => $"{Key} notin ({string.Join(',', Values)})",
        LabelSelectorOperator.Exists => Key,
        LabelSelectorOperator.DoesNotExist => $"!{Key}",
        _ => $"{Key} {Operator}",
    };

    private bool Contains(string value) => Values.Contains(value, StringComparer.Ordinal);

    private static ValueList<string> AsSet(IEnumerable<string>? values) =>
        ValueList<string>.From(values?.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
