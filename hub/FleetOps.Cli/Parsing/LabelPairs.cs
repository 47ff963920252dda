using FleetOps.Shared.Selectors;

namespace FleetOps.Cli.Parsing;

/// <summary>
/// Labels given as <c>-l key=value</c>, repeated or comma-separated (<c>-l region=east,ring=canary</c>),
/// checked with the rule the hub applies (<see cref="LabelSet"/>, Kubernetes' label syntax and a limit on how many), so a typo fails before it is registered.
/// </summary>
public static class LabelPairs
{
    public static bool TryParse(IEnumerable<string> arguments, out IReadOnlyDictionary<string, string> labels, out string? error)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        labels = result;
        error = null;
        foreach (var pair in arguments.SelectMany(a => a.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"label '{pair}' is not key=value (for example -l region=east)";
                return false;
            }
            var key = pair[..equals];
            var value = pair[(equals + 1)..];
            if (LabelSet.ValidatePair(key, value) is { } pairError)
            {
                error = pairError;
                return false;
            }
            if (result.TryGetValue(key, out var earlier) && earlier != value)
            {
                error = $"label '{key}' is given twice ('{earlier}' and '{value}')";
                return false;
            }
            result[key] = value;
        }
        // The same rule the hub applies to a registration, so the CLI refuses first and says it the same way.
        error = LabelSet.Validate(result);
        return error is null;
    }
}
