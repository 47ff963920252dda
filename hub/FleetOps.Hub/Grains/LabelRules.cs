using FleetOps.Shared.Contracts;
using FleetOps.Shared.Selectors;

namespace FleetOps.Hub.Grains;

/// <summary>
/// Whose labels select groups. The registry's (what an operator gave at register or with <c>fleetops label</c>) are
/// authoritative: an agent restarted without its labels stays in its groups, and a store cannot move itself into
/// another group by saying so. What an agent reports is kept as a fact, after the same checks the register API
/// makes (<see cref="LabelSet"/>), and selects only for keys the operator allows (<c>Hub:AgentLabelKeys</c>) and the
/// registry leaves unset.
/// </summary>
internal static class LabelRules
{
    /// <summary>The labels of a hello worth keeping, and why the rest were dropped (null when none was).</summary>
    public static (Dictionary<string, string> Kept, string? Dropped) ReadReported(IReadOnlyDictionary<string, string> reported)
    {
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        // Not the first 64 of ten thousand: which ones would be arbitrary, so a hello over the limit keeps none.
        if (reported.Count > LabelSet.MaxLabels)
            return (kept, $"all {reported.Count} labels: a cluster has at most {LabelSet.MaxLabels}");
        var problems = new List<string>();
        foreach (var (key, value) in reported.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (value is not null && LabelSet.ValidatePair(key, value) is null)
                kept[key] = value;
            else
                problems.Add(value is null ? $"label '{key}' has no value" : LabelSet.ValidatePair(key, value)!);
        }
        // The problems quote what the agent sent, which is kept and shown: one clean line.
        return problems.Count == 0 ? (kept, null)
            : (kept, SafeText.Clean($"{problems.Count} of {reported.Count} labels: {string.Join("; ", problems.Take(3))}{(problems.Count > 3 ? "; ..." : "")}", keepLineBreaks: false));
    }

    /// <summary>The agent's keys that select groups: allowed by the operator and not set by the registry.</summary>
    public static IReadOnlyList<string> AgentKeysUsed(
        IReadOnlyDictionary<string, string> registry, IReadOnlyDictionary<string, string> agent, IReadOnlyList<string> allowed) =>
        allowed.Count == 0 ? [] : agent.Keys.Where(key => !registry.ContainsKey(key) && IsAllowed(key, allowed)).Order(StringComparer.Ordinal).ToList();

    /// <summary>The labels groups are selected by: the registry's, plus the agent's allowed keys.</summary>
    public static IReadOnlyDictionary<string, string> ForSelection(
        IReadOnlyDictionary<string, string> registry, IReadOnlyDictionary<string, string> agent, IReadOnlyList<string> allowed)
    {
        var used = AgentKeysUsed(registry, agent, allowed);
        if (used.Count == 0)
            return registry;
        var labels = new Dictionary<string, string>(registry, StringComparer.Ordinal);
        foreach (var key in used)
            labels[key] = agent[key];
        return labels;
    }

    /// <summary>An exact key, or a prefix ending in '/' (a key's DNS prefix) or '*'.</summary>
    public static bool IsAllowed(string key, IReadOnlyList<string> allowed) => allowed.Any(pattern =>
        pattern.EndsWith('*') ? key.StartsWith(pattern[..^1], StringComparison.Ordinal)
        : pattern.EndsWith('/') ? key.StartsWith(pattern, StringComparison.Ordinal)
        : string.Equals(key, pattern, StringComparison.Ordinal));
}
