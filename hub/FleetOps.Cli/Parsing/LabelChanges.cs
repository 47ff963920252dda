using FleetOps.Shared.Selectors;

namespace FleetOps.Cli.Parsing;

/// <summary>
/// <c>fleetops label ID region=west ring-</c>: kubectl's form, <c>key=value</c> to set and <c>key-</c> to remove, checked
/// with the hub's rule (<see cref="LabelSet"/>) so a typo fails before it reaches the registry.
/// </summary>
public static class LabelChanges
{
    public static bool TryParse(IEnumerable<string> arguments, out IReadOnlyDictionary<string, string> set, out IReadOnlyList<string> remove, out string? error)
    {
        var setting = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var removing = new List<string>();
        (set, remove, error) = (setting, removing, null);
        foreach (var change in arguments)
        {
            if (change.EndsWith('-') && !change.Contains('=', StringComparison.Ordinal))
            {
                var key = change[..^1];
                error = LabelSyntax.ValidateKey(key) is { } keyError ? $"cannot remove '{change}': the key is not valid: {keyError}" : null;
                if (error is not null)
                    return false;
                removing.Add(key);
                continue;
            }
            if (!LabelPairs.TryParse([change], out var pairs, out error))
            {
                error = change.Contains('=', StringComparison.Ordinal) ? error : $"'{change}' is neither key=value (to set) nor key- (to remove)";
                return false;
            }
            foreach (var (key, value) in pairs)
            {
                if (setting.TryGetValue(key, out var earlier) && earlier != value)
                {
                    error = $"label '{key}' is given twice ('{earlier}' and '{value}')";
                    return false;
                }
                setting[key] = value;
            }
        }
        if (removing.FirstOrDefault(setting.ContainsKey) is { } both)
            error = $"label '{both}' is both set and removed; give one";
        else if (setting.Count == 0 && removing.Count == 0)
            error = "give labels to set (key=value) or to remove (key-)";
        return error is null;
    }
}
