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
    /// Why <paramref name="key"/> is not a label key, or null when it is one. A key is an optional
    /// DNS subdomain prefix and '/', then a name of up to 63 letters, digits, '-', '_' and '.'.
    /// </summary>
    public static string? ValidateKey(string key)
    {
        if (key.Length == 0)
            return "must not be empty";
        var slash = key.IndexOf('/');
        if (slash < 0)
            return ValidateName(key, "");
        var prefix = key[..slash];
        var name = key[(slash + 1)..];
        if (name.Contains('/'))
            return "may contain at most one '/'";
        if (DnsNames.ValidateSubdomain(prefix) is { } prefixProblem)
            return $"prefix '{prefix}' {prefixProblem}";
        return ValidateName(name, "name after '/' ");
    }

    /// <summary>
    /// Why <paramref name="value"/> is not a label value, or null when it is one. Values may be
    /// empty; otherwise they follow the same rules as the name part of a key.
    /// </summary>
    public static string? ValidateValue(string value) => value.Length == 0 ? null : ValidateName(value, "");

    private static string? ValidateName(string name, string what)
    {
        if (name.Length == 0)
            return $"{what}must not be empty";
        if (name.Length > MaxNameLength)
            return $"{what}must be {MaxNameLength} characters or fewer (it has {name.Length})";
        if (!name.All(c => IsAlphanumeric(c) || c is '-' or '_' or '.'))
            return $"{what}may contain only letters, digits, '-', '_' and '.'";
        if (!IsAlphanumeric(name[0]) || !IsAlphanumeric(name[^1]))
            return $"{what}must start and end with a letter or digit";
        return null;
    }

    private static bool IsAlphanumeric(char c) => char.IsAsciiLetterOrDigit(c);
}
