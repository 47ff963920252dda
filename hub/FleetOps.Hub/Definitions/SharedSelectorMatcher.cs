using System.Collections.Concurrent;
using FleetOps.Shared.Selectors;

namespace FleetOps.Hub.Definitions;

/// <summary>
/// Label selectors through the shared parser, each selector string parsed once: every cluster checks
/// every group's selector whenever fleet.yaml or its labels change.
/// </summary>
public sealed class SharedSelectorMatcher : ISelectorMatcher
{
    // Bounded: selectors come from fleet.yaml and API queries; forgetting one only costs a re-parse.
    private const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, LabelSelector?> parsed = new(StringComparer.Ordinal);

    public bool TryValidate(string selector, out string? error)
    {
        if (LabelSelector.TryParse(selector, out _, out var syntax))
        {
            error = null;
            return true;
        }
        error = syntax.ToString();
        return false;
    }

    public bool Matches(string selector, IReadOnlyDictionary<string, string> labels) =>
        Parse(selector)?.Matches(labels) ?? false;

    private LabelSelector? Parse(string selector)
    {
        if (parsed.TryGetValue(selector, out var known))
            return known;
        if (parsed.Count >= Capacity)
            parsed.Clear();
        // An unparsable selector never matches: it cannot come from an accepted fleet.yaml.
        return parsed[selector] = LabelSelector.TryParse(selector, out var result, out _) ? result : null;
    }
}
