namespace FleetOps.Shared.Selectors;

/// <summary>
/// Kubernetes label key and value rules, shared by the selector string form and fleet.yaml so both
/// accept exactly what a cluster would: a selector that passes here can never be refused later.
/// </summary>
public static class LabelSyntax
{
    public const int MaxNameLength = 63;
    public const int MaxValueLength = 63;

    public static bool IsValidKey(string key) => ValidateKey(key) is null;

    public static bool IsValidValue(string value) => ValidateValue(value) is null;

    /// <summary>
    /// Why <paramref name="key"/> is not a label key, as a clause naming the part that breaks a rule
    /// ("the prefix 'Example.com' may contain only ..."), or null when it is one. A key is an optional
    /// DNS subdomain prefix and '/', then a name of up to 63 letters, digits, '-', '_' and '.'.
    /// </summary>
    public static string? ValidateKey(string key)
    {
        if (key.Length == 0)
            return "it must not be empty";
        var slash = key.IndexOf('/');
        if (slash < 0)
            return NameProblem(key) is { } problem ? $"it {problem}" : null;
        var prefix = key[..slash];
        var name = key[(slash + 1)..];
        if (name.Contains('/'))
            return "it may contain at most one '/'";
        if (DnsNames.SubdomainProblem(prefix) is { } prefixProblem)
            return $"the prefix '{prefix}' {prefixProblem}";
        return NameProblem(name) is { } nameProblem ? $"the name after '/' {nameProblem}" : null;
    }

    /// <summary>
    /// Why <paramref name="value"/> is not a label value, as a clause ("it must ..."), or null when it
    /// is one. Values may be empty; otherwise they follow the rules of the name part of a key.
    /// </summary>
    public static string? ValidateValue(string value) =>
        value.Length > 0 && NameProblem(value) is { } problem ? $"it {problem}" : null;

    private static string? NameProblem(string name)
    {
        if (name.Length == 0)
            return "must not be empty";
        if (name.Length > MaxNameLength)
            return $"must be {MaxNameLength} characters or fewer, not {name.Length}";
        if (!name.All(c => IsAlphanumeric(c) || c is '-' or '_' or '.'))
            return "may contain only letters, digits, '-', '_' and '.'";
        if (!IsAlphanumeric(name[0]) || !IsAlphanumeric(name[^1]))
            return "must start and end with a letter or digit";
        return null;
    }

    private static bool IsAlphanumeric(char c) => char.IsAsciiLetterOrDigit(c);
}
