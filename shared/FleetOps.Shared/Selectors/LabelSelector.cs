using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace FleetOps.Shared.Selectors;

/// <summary>
/// A Kubernetes label selector: every <see cref="MatchLabels"/> entry and every
/// <see cref="MatchExpressions"/> requirement must hold. The empty selector matches every cluster.
/// </summary>
/// <remarks>
/// Both collections are copied into immutable, value-compared forms (labels by key, requirements
/// sorted), so two selectors that say the same thing are equal and print the same canonical string,
/// whether they came from fleet.yaml, JSON or the string form.
/// </remarks>
public sealed record LabelSelector(
    IReadOnlyDictionary<string, string> MatchLabels,
    IReadOnlyList<LabelSelectorRequirement> MatchExpressions)
{
    public static LabelSelector Everything { get; } = new(ValueMap.Empty, ValueList<LabelSelectorRequirement>.Empty);

    [JsonPropertyName("matchLabels")]
    public IReadOnlyDictionary<string, string> MatchLabels { get; init => field = ValueMap.From(value); } = ValueMap.From(MatchLabels);

    [JsonPropertyName("matchExpressions")]
    public IReadOnlyList<LabelSelectorRequirement> MatchExpressions { get; init => field = Canonical(value); } = Canonical(MatchExpressions);

    [JsonIgnore]
    public bool IsEmpty => MatchLabels.Count == 0 && MatchExpressions.Count == 0;

    public static LabelSelector FromLabels(IReadOnlyDictionary<string, string> matchLabels) =>
        new(matchLabels, ValueList<LabelSelectorRequirement>.Empty);

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, expected) in MatchLabels)
        {
            if (!labels.TryGetValue(key, out var actual) || !string.Equals(actual, expected, StringComparison.Ordinal))
                return false;
        }
        return MatchExpressions.All(requirement => requirement.Matches(labels));
    }

    /// <summary>Parses the kubectl string form, e.g. <c>region=east,ring!=canary,tier in (a,b),!legacy</c>.</summary>
    /// <exception cref="FormatException">The text is not a valid selector; the message says where and why.</exception>
    public static LabelSelector Parse(string text) =>
        TryParse(text, out var selector, out var error) ? selector : throw new FormatException(error.ToString());

    /// <summary>Parses the kubectl string form; on failure <paramref name="error"/> says where and why.</summary>
    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out LabelSelector? selector,
        [NotNullWhen(false)] out LabelSelectorSyntaxError? error) =>
        LabelSelectorStringParser.TryParse(text, out selector, out error);

    /// <summary>
    /// The canonical string form: labels sorted by key, then requirements sorted by key. The empty
    /// selector prints as the empty string. <see cref="Parse"/> reads it back to an equal selector.
    /// </summary>
    public override string ToString() =>
        string.Join(',', MatchLabels.Select(entry => $"{entry.Key}={entry.Value}").Concat(MatchExpressions.Select(requirement => requirement.ToString())));

    private static ValueList<LabelSelectorRequirement> Canonical(IEnumerable<LabelSelectorRequirement>? requirements) =>
        ValueList<LabelSelectorRequirement>.From(requirements?
            .Distinct()
            .OrderBy(requirement => requirement.Key, StringComparer.Ordinal)
            .ThenBy(requirement => requirement.Operator)
            .ThenBy(requirement => string.Join('\n', requirement.Values), StringComparer.Ordinal));
}
